import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const contract = fileURLToPath(new URL('../../libs/contract/src/index.ts', import.meta.url));

// The API serves dist/ on the same origin; `npm run dev:web` proxies /api to a running API.
export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@judge/contract': contract } },
  server: { proxy: { '/api': process.env.API_URL ?? 'http://127.0.0.1:3000' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
});
