import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A slightly cool, blue-grey dark palette: brighter body text (dark[0]) than Mantine's neutral greys,
// so long-form text stays readable on the dark background.
const dark: MantineColorsTuple = [
  '#e3e5eb',
  '#c2c5cf',
  '#9299a6',
  '#6b7280',
  '#4a505d',
  '#373c48',
  '#2a2e39',
  '#1f232c',
  '#181b23',
  '#111319',
];

export const theme = createTheme({
  primaryColor: 'violet',
  primaryShade: { light: 6, dark: 5 },
  colors: { dark },
  defaultRadius: 'md',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Devanagari", sans-serif',
  headings: { fontWeight: '700' },
  cursorType: 'pointer',
});
