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
  server: { port: 5173, proxy },
  preview: { port: 5173, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      // @tremor/react does not declare "sideEffects": false, so importing two KPI components would
      // otherwise pull every chart (and recharts/d3) into the bundle.
      treeshake: {
        moduleSideEffects: (id: string) => !/[\\/]node_modules[\\/]@tremor[\\/]react[\\/]/.test(id),
      },
    },
  },
});
