// The order the preload page renders (read by the test in Node too).
export const ORDER = {
  id: '4137201234567890123',
  category: 'mobile_phone',
  status: 'success',
  successAt: '2026-07-30T11:43:30+08:00',
  deliveredAt: '2026-07-28T15:02:00+08:00',
};
