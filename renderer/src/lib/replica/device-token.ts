/**
 * The device token the server gave this computer at its last successful sign-in as a user. Sent
 * with the next sign-in, it lets the owner in even while others' wrong guesses have locked the
 * account for unknown devices. Not a secret that grants anything by itself (the password is still
 * needed). Kept in localStorage where there is one (not in Node tests).
 */
function key(serverUrl: string, username: string): string {
  return `diarium.device.${serverUrl}.${username.toLowerCase()}`;
}

function store(): Storage | null {
  return typeof localStorage === 'undefined' ? null : localStorage;
}

export function deviceToken(serverUrl: string, username: string): string | null {
  return store()?.getItem(key(serverUrl, username)) ?? null;
}

export function rememberDeviceToken(serverUrl: string, username: string, token: string): void {
  store()?.setItem(key(serverUrl, username), token);
}
