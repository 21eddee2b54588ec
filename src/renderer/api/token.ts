// The browser-mode API token: read once from `?token=` in the page URL, kept in sessionStorage,
// and removed from the address bar so it is not left in history or screenshots.
const STORAGE_KEY = 'faultline.token';

export function takeTokenFromLocation(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      sessionStorage.setItem(STORAGE_KEY, fromUrl);
    } catch {
      // sessionStorage can be unavailable (privacy settings); the in-memory token still works.
    }
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
