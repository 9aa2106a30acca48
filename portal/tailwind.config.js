import colors from 'tailwindcss/colors';

// Tremor 3 ships its classes in its dist files, so Tailwind has to scan them. The workspace hoists
// dependencies to the repository root, hence both paths.
/** @type {import('tailwindcss').Config} */
export default {
  content: [
    './index.html',
    './src/**/*.{ts,tsx}',
    './node_modules/@tremor/react/dist/**/*.js',
    '../node_modules/@tremor/react/dist/**/*.js',
  ],
  // Tremor builds colour classes at runtime (`bg-${color}-500`), which no content scan can see; these
  // are the colours the portal passes to Tremor components (BarList in the run summary).
  safelist: [
    { pattern: /^bg-(red|orange|amber|blue|gray|indigo)-500$/ },
    // The analytics charts (areas, stacked bars, donut, lines) colour fills, strokes and legend dots.
    { pattern: /^(bg|fill|stroke|text)-(red|orange|amber|blue|gray|indigo)-500$/ },
  ],
  // The portal is light-only; Tremor's dark: variants must not follow the OS setting.
  darkMode: 'class',
  theme: {
    transparent: 'transparent',
    current: 'currentColor',
    extend: {
      colors: {
        tremor: {
          brand: {
            faint: colors.indigo[50],
            muted: colors.indigo[200],
            subtle: colors.indigo[400],
            DEFAULT: colors.indigo[600],
            emphasis: colors.indigo[700],
            inverted: colors.white,
          },
          background: {
            muted: colors.gray[50],
            subtle: colors.gray[100],
            DEFAULT: colors.white,
            emphasis: colors.gray[700],
          },
          border: { DEFAULT: colors.gray[200] },
          ring: { DEFAULT: colors.gray[200] },
          content: {
            subtle: colors.gray[400],
            DEFAULT: colors.gray[500],
            emphasis: colors.gray[700],
            strong: colors.gray[900],
            inverted: colors.white,
          },
        },
      },
      boxShadow: {
        'tremor-input': '0 1px 2px 0 rgb(0 0 0 / 0.05)',
        'tremor-card': '0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)',
        'tremor-dropdown': '0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)',
      },
      borderRadius: {
        'tremor-small': '0.375rem',
        'tremor-default': '0.5rem',
        'tremor-full': '9999px',
      },
      keyframes: {
        'progress-indeterminate': {
          '0%': { left: '-33%' },
          '100%': { left: '100%' },
        },
      },
      animation: {
        'progress-indeterminate': 'progress-indeterminate 1.4s ease-in-out infinite',
      },
      fontSize: {
        'tremor-label': ['0.75rem', { lineHeight: '1rem' }],
        'tremor-default': ['0.875rem', { lineHeight: '1.25rem' }],
        'tremor-title': ['1.125rem', { lineHeight: '1.75rem' }],
        'tremor-metric': ['1.875rem', { lineHeight: '2.25rem' }],
      },
    },
  },
  plugins: [],
};
