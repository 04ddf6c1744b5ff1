import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#fdf6ec", 100: "#f9e7cc", 200: "#f2cd95", 300: "#e9ad5c", 400: "#e0923a",
          500: "#c87624", 600: "#a95c1c", 700: "#88451b", 800: "#6f391c", 900: "#5c301a",
        },
      },
      fontFamily: {
        sans: ["Inter", "ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
      },
    },
  },
  plugins: [],
} satisfies Config;
