// The part of pdfkit (installed with @react-pdf/renderer, same version) that app/pdf/delivery-notes.ts draws with.
declare module "pdfkit" {
  type TextOptions = { lineBreak?: boolean; width?: number; align?: "left" | "right" | "center" };
  export default class PDFDocument {
    constructor(options?: { size?: string; margin?: number; autoFirstPage?: boolean; compress?: boolean; lang?: string; info?: Record<string, string>; bufferPages?: boolean });
    addPage(options?: { size?: string; margin?: number }): this;
    font(name: string): this;
    fontSize(size: number): this;
    fillColor(color: string): this;
    strokeColor(color: string): this;
    lineWidth(width: number): this;
    text(text: string, x: number, y: number, options?: TextOptions): this;
    widthOfString(text: string): number;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    stroke(): this;
    rect(x: number, y: number, w: number, h: number): this;
    roundedRect(x: number, y: number, w: number, h: number, r: number): this;
    fill(color?: string): this;
    on(event: "data", listener: (chunk: Uint8Array) => void): this;
    on(event: "end", listener: () => void): this;
    on(event: "error", listener: (error: Error) => void): this;
    end(): void;
  }
}
