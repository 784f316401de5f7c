import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { createAppRouter } from './router';

/** The browser app: its pages by URL (router.tsx) over the server state of TanStack Query (the provider is in main.tsx). */
export function App() {
  const [router] = useState(createAppRouter);
  return <RouterProvider router={router} />;
}
