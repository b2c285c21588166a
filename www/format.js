// Time formatting for the page, independent of the device's time zone: the
// engine's instants are RFC 3339 strings already in the policy's offset
// (+08:00, Beijing), so they are shown as written, never through Date's
// local-time methods.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** The fields of an RFC 3339 string as written, or null. */
export function parseRfc3339(text) {
  const m = RFC3339.exec(String(text));
  if (!m) return null;
  const [, year, month, day, hour, minute, second, fraction, offset] = m;
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    fraction: fraction ?? '',
    offset: offset.toUpperCase() === 'Z' ? '+00:00' : offset,
  };
}

/** The instant an RFC 3339 string names, in epoch ms (NaN when malformed). */
export function instantMs(text) {
  const parts = parseRfc3339(text);
  if (!parts) return NaN;
  const { year, month, day, hour, minute, second, fraction, offset } = parts;
  const ms = fraction ? Number((fraction.slice(1) + '00').slice(0, 3)) : 0;
  const sign = offset[0] === '-' ? -1 : 1;
  const offsetMin = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return (
    Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), ms) -
    offsetMin * 60_000
  );
}

/**
 * An RFC 3339 deadline as its wall-clock time: "2026-11-28 10:00" (seconds
 * only when not zero), with the zone: 北京时间 for +08:00, else UTC±hh:mm.
 */
export function formatInstant(text, { zoneLabel = '北京时间', withZone = true } = {}) {
  const p = parseRfc3339(text);
  if (!p) return String(text);
  const time = p.second === '00' ? `${p.hour}:${p.minute}` : `${p.hour}:${p.minute}:${p.second}`;
  const base = `${p.year}-${p.month}-${p.day} ${time}`;
  if (!withZone) return base;
  return `${base} ${p.offset === '+08:00' ? zoneLabel : `UTC${p.offset}`}`;
}

/**
 * The year of a deadline's last day, for the provisional note: a deadline at
 * 00:00 closes the day before it (calendar counting ends at 24:00 of the end
 * day), so 2028-01-01T00:00:00+08:00 names 2027. Read from the string as
 * written (the policy's offset); a six-digit year too. NaN when unreadable.
 */
export function deadlineYear(text) {
  const p = parseRfc3339(text);
  if (!p) {
    const m = /^([+-]?\d{4,6})-/.exec(String(text));
    return m ? Number(m[1]) : NaN;
  }
  const midnight = p.hour === '00' && p.minute === '00' && p.second === '00' && !/[1-9]/.test(p.fraction);
  if (!midnight) return Number(p.year);
  // The year only changes when the deadline is 00:00 of January 1.
  return p.month === '01' && p.day === '01' ? Number(p.year) - 1 : Number(p.year);
}

/** Epoch ms → "YYYY-MM-DD HH:MM:SS" at a fixed offset (minutes east of UTC). */
export function formatClock(ms, offsetMinutes = 480) {
  const d = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * 60_000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** Epoch ms → RFC 3339 at a fixed offset: "2026-10-20T10:00:00+08:00". */
export function toRfc3339(ms, offsetMinutes = 480) {
  const d = new Date(ms + offsetMinutes * 60_000);
  const frac = ms % 1000 === 0 ? '' : `.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return d.toISOString().slice(0, 19) + frac + off;
}

/**
 * A `now` as given in a URL or a form: epoch ms (a number, floored) or an
 * RFC 3339 instant with an offset. A "+" that a query string turned into a
 * space is put back. NaN when it is neither.
 */
export function parseNow(text) {
  if (typeof text === 'number') return Number.isFinite(text) ? Math.floor(text) : NaN;
  const s = String(text ?? '').trim();
  if (s === '') return NaN;
  if (/^-?\d+(\.\d+)?$/.test(s)) return Math.floor(Number(s));
  const fixed = s.replace(/ (\d{2}:\d{2})$/, '+$1');
  return instantMs(fixed);
}
