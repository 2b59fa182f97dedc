// Import a sibling module that may not exist in this build (bots, UI) without failing start-up.
// The specifier is resolved relative to this file, so it works from src/ (vitest) and dist/.
export async function optionalImport<T>(relative: string): Promise<T | null> {
  try {
    return (await import(new URL(relative, import.meta.url).href)) as T;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_UNSUPPORTED_DIR_IMPORT') return null;
    throw err;
  }
}
