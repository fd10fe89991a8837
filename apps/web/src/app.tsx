/** Placeholder until the pages land: the API serves this build at `/`. */
export function App() {
  return (
    <main>
      <h1>Judge</h1>
      <p>The web UI is being built. The API is at /api (docs at /api/docs).</p>
    </main>
  );
}
