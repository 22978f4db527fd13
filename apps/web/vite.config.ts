import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), tailwindcss()],
  server: {
    proxy: {
      '/api': { target: api, ws: true },
      '/webhooks': { target: api },
      '/health': { target: api },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            // Recharts and what it brings stay out of the eager vendor chunk: only the reports
            // page imports them, so they load with it.
            {
              name: 'vendor',
              test: /node_modules[\\/](?!recharts|victory-vendor|d3-|internmap|@reduxjs|redux|react-redux|reselect|immer|decimal\.js-light|es-toolkit|eventemitter3|tiny-invariant)/,
            },
          ],
        },
      },
    },
  },
});
