import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createQueryClient } from './api/query-client';
import { I18nProvider } from './i18n/i18n-provider';
import { routes } from './routes';

const router = createBrowserRouter(routes);

export function App() {
  const [client] = useState(createQueryClient);
  return (
    <I18nProvider>
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nProvider>
  );
}
