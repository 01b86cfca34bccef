import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the backend runs separately on :3000; in production it serves this build itself.
const backend = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': backend,
      '/metrics': backend,
      '/sandbox': backend,
      '/socket.io': { target: backend, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // React and the router change less often than our code: their chunk stays cached across our deploys. The
        // rest of the libraries (Mantine's components among them) are split with the pages that use them, since every
        // page loads on its first visit: one vendor chunk would carry every page's libraries into the first load.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/, priority: 3 },
            // Markdown and code highlighting are only the chat's: their chunk loads with the Messages page.
            {
              name: 'markdown',
              test: /node_modules[\\/](react-markdown|remark-[^\\/]+|rehype-[^\\/]+|micromark[^\\/]*|mdast-[^\\/]+|hast-[^\\/]+|unist-[^\\/]+|unified|vfile[^\\/]*|highlight\.js|lowlight)[\\/]/,
              priority: 2,
            },
          ],
        },
      },
    },
  },
});
