// Follows the OS colour scheme: sets data-theme on <html> (CSS variables) and the store (Cytoscape).
import { useEffect } from 'react';
import { useViewStore } from '../state/view-store';

export function useSystemTheme(): void {
  const setTheme = useViewStore((s) => s.setTheme);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      const theme = query.matches ? 'dark' : 'light';
      document.documentElement.dataset.theme = theme;
      setTheme(theme);
    };
    apply();
    query.addEventListener('change', apply);
    return () => query.removeEventListener('change', apply);
  }, [setTheme]);
}
