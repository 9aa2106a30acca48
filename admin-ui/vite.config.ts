import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiUrl = process.env.API_URL ?? `http://127.0.0.1:${process.env.API_PORT ?? 4000}`;

const proxy = {
  '/api': { target: apiUrl, changeOrigin: true },
  '/ws': { target: apiUrl, changeOrigin: true, ws: true },
};

export default defineConfig({
  base: '/',
  plugins: [react()],
  server: { port: 5174, proxy },
  preview: { port: 5174, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // react-admin brings MUI; one ~1 MB chunk is expected for an internal console.
    chunkSizeWarningLimit: 1500,
  },
});
