// The React Email components the templates use, each from its own package: `@react-email/components`
// re-exports them all together with a Tailwind compiler and a Markdown renderer, ~46 MB of RSS in the
// server for code no template uses (these eleven cost ~11 MB).
export { Body } from "@react-email/body";
export { Button } from "@react-email/button";
export { Container } from "@react-email/container";
export { Head } from "@react-email/head";
export { Heading } from "@react-email/heading";
export { Hr } from "@react-email/hr";
export { Html } from "@react-email/html";
export { Link } from "@react-email/link";
export { Preview } from "@react-email/preview";
export { Section } from "@react-email/section";
export { Text } from "@react-email/text";
