/** Languages the product speaks (ISO 639-1), labelled in English and in the language itself. */
export const languageOptions = [
  { value: 'en', label: 'English' },
  { value: 'hi', label: 'Hindi (हिन्दी)' },
  { value: 'ta', label: 'Tamil (தமிழ்)' },
  { value: 'te', label: 'Telugu (తెలుగు)' },
  { value: 'kn', label: 'Kannada (ಕನ್ನಡ)' },
  { value: 'bn', label: 'Bengali (বাংলা)' },
  { value: 'mr', label: 'Marathi (मराठी)' },
] as const;

/** The options, plus the user's current code if it isn't one of them, so the select never shows blank. */
export function languageOptionsFor(current: string): { value: string; label: string }[] {
  const options: { value: string; label: string }[] = [...languageOptions];
  if (current && !options.some((option) => option.value === current)) options.push({ value: current, label: current });
  return options;
}
