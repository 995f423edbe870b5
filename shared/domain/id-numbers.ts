/**
 * Check characters of the two identity numbers an application carries most often:
 * - the citizen identity number (公民身份号码), GB 11643-1999: 17 digits (6 of address code, 8 of birth date
 *   YYYYMMDD, 3 of sequence) and a check character computed with ISO 7064 MOD 11-2 (`X` stands for 10);
 * - the unified social credit code (统一社会信用代码), GB 32100-2015: 17 characters of the 31-character set
 *   `0-9 A-H J-N P-R T U W-Y` (no I, O, Z, S, V) and a check character, MOD 31 with the weights 3^i mod 31.
 * Other documents (passports, permits, licences) are checked for format only, since their issuers' check
 * schemes differ and are not all published.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The GB 11643 check character of the first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Why a resident identity number is not one, or undefined when it is (upper-case `X` expected). */
export function residentIdProblem(value: string): string | undefined {
  if (!/^\d{17}[\dX]$/.test(value)) return 'must be an 18-character citizen identity number (17 digits and a digit or X)';
  const birth = value.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replaceAll('-', '') !== birth || birth < '18000101') {
    return 'must hold a real date of birth (characters 7–14, YYYYMMDD)';
  }
  if (residentIdCheckCharacter(value) !== value[17]) return 'has a wrong check character (GB 11643)';
  return undefined;
}

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100 check character of the first 17 characters. */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Why a unified social credit code is not one, or undefined when it is (upper case expected). */
export function creditCodeProblem(value: string): string | undefined {
  if (!/^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/.test(value)) {
    return 'must be an 18-character unified social credit code (digits and capital letters other than I, O, Z, S, V)';
  }
  if (creditCodeCheckCharacter(value) !== value[17]) return 'has a wrong check character (GB 32100)';
  return undefined;
}
