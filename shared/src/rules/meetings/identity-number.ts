import { identityNumberKind } from '../sensitive-data';

/**
 * A personnummer or samordningsnummer as a register exports it (10 or 12 digits, optional `-`
 * or `+`, spaces ignored), checked (date and Luhn) and normalised to YYYYMMDD-NNNN; null when
 * invalid. With 10 digits the century is the latest that puts the birth date on or before
 * `today`, a century earlier with `+` (100 years or older), as Skatteverket writes them.
 */
export function normalizeIdentityNumber(raw: string, today: string): string | null {
  const m = /^(\d{2})?(\d{6})([-+])?(\d{4})$/.exec(raw.replace(/\s+/g, ''));
  if (!m) return null;
  const [, century, yymmdd, sep, last4] = m as unknown as [string, string | undefined, string, string | undefined, string];
  let year: number;
  if (century !== undefined) year = Number(century + yymmdd.slice(0, 2));
  else {
    const thisYear = Number(today.slice(0, 4));
    year = thisYear - ((((thisYear - Number(yymmdd.slice(0, 2))) % 100) + 100) % 100);
    const day = Number(yymmdd.slice(4, 6));
    const birth = `${year}-${yymmdd.slice(2, 4)}-${String(day > 60 ? day - 60 : day).padStart(2, '0')}`;
    if (birth > today) year -= 100;
    if (sep === '+') year -= 100;
  }
  const fullCentury = String(Math.floor(year / 100));
  if (identityNumberKind(fullCentury, yymmdd, last4) === null) return null;
  return `${year}${yymmdd.slice(2)}-${last4}`;
}
