import { luhnValid } from '../../../shared/src/rules/sensitive-data';

/**
 * A personnummer for the demo's invented people: the birth number (födelsenummer) is taken from
 * 980–999, the range Skatteverket's test personnummer use and never assigns to real people, and
 * the check digit is the Luhn digit, so the redaction tool's detector finds it as it would a real one.
 */
export function testPersonnummer(birthDate: string, birthNumber: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) throw new Error(`not a date: ${birthDate}`);
  if (!Number.isInteger(birthNumber) || birthNumber < 980 || birthNumber > 999) throw new Error(`not a test birth number: ${birthNumber}`);
  const nine = birthDate.slice(2).replace(/-/g, '') + String(birthNumber);
  const check = [...'0123456789'].find((d) => luhnValid(nine + d))!;
  return `${birthDate.replace(/-/g, '')}-${birthNumber}${check}`;
}
