// A TypeScript consumer of the package, type-checked (never run) by
// `tsc -p tests/js/tsconfig.json`: what a caller writes must compile under
// `strict`, and the `@ts-expect-error` lines prove wrong usage is rejected
// (tsc fails if any of them stops being an error).

import init, { Engine, defaultPolicy, evaluate, initSync, version } from '../../pkg/shouhoubao.js';
import { connect, serve, type EngineClient, type WorkerError, type WorkerWatch } from '../../pkg/worker.js';
import type {
  Eligibility,
  EngineError,
  EngineOptions,
  ErrorCode,
  EvaluationFailure,
  EvaluationResult,
  Order,
  PolicySnapshot,
  ReasonCode,
  Service,
  Status,
  EligibilityWindow,
  WindowBasis,
  WindowCode,
} from '../../pkg/shouhoubao.js';

function assertNever(value: never): never {
  throw new Error(`unexpected ${String(value)}`);
}

function describeStatus(status: Status): string {
  switch (status) {
    case 'pending':
      return '交易未成功';
    case 'open':
      return '可自助申请售后';
    case 'support':
      return '联系官方客服（售后保）';
    case 'closed':
      return '售后已关闭';
    default:
      return assertNever(status);
  }
}

function isSelfService(code: ReasonCode): boolean {
  switch (code) {
    case 'ENTRY_DEFAULT':
    case 'ENTRY_CATEGORY':
    case 'NO_REASON_RETURN':
      return true;
    case 'THREE_GUARANTEES_RETURN':
    case 'THREE_GUARANTEES_EXCHANGE':
    case 'THREE_GUARANTEES_WARRANTY':
    case 'THREE_GUARANTEES_PART':
    case 'MERCHANT_PROMISE':
    case 'LONG_DISCOVERY':
    case 'TRANSACTION_PENDING':
    case 'ORDER_CLOSED':
    case 'EXPIRED':
      return false;
    default:
      return assertNever(code);
  }
}

function windowLabel(window: EligibilityWindow): string {
  const code: WindowCode = window.code;
  const basis: WindowBasis = window.basis;
  const service: Service = window.service;
  const from = `${basis.anchor} ${basis.anchorDate} + ${basis.count} ${basis.counting}`;
  const rolled: string = `${basis.rolledDays} = ${basis.holidayDays} holiday + ${basis.weekendDays} weekend`;
  const extra = `${basis.repairDays} repair, ${rolled}`;
  const firm: boolean = !window.provisional;
  switch (code) {
    case 'THREE_GUARANTEES_PART': {
      const part: string | undefined = window.part;
      return `${code}(${part ?? '?'}) ${service} ${from} +${extra}${firm ? '' : ' (expected)'}`;
    }
    case 'MERCHANT_PROMISE': {
      const promise: number | undefined = window.promise;
      return `${code}#${promise ?? -1} ${service} ${from}`;
    }
    case 'ENTRY_DEFAULT':
    case 'ENTRY_CATEGORY':
    case 'NO_REASON_RETURN':
    case 'THREE_GUARANTEES_RETURN':
    case 'THREE_GUARANTEES_EXCHANGE':
    case 'THREE_GUARANTEES_WARRANTY':
    case 'LONG_DISCOVERY':
      return `${code} ${service} until ${window.deadline} (${window.active ? window.remainingDays : 0} d)`;
    default:
      return assertNever(code);
  }
}

function summarize(answer: Eligibility): string {
  const days: number | null = answer.remainingDays;
  const deadline: string | null = answer.deadline;
  const next: string | null = answer.nextChangeAt;
  const provisional: boolean = answer.provisional; // required on every answer, pending and closed too
  if (provisional && deadline === null) throw new Error('a provisional answer has a deadline');
  const categoryKnown: boolean = answer.categoryKnown; // contract 3: required on every answer
  const hint = categoryKnown ? '' : ' (category not in the policy)';
  const lines = answer.windows.map(windowLabel);
  const self = isSelfService(answer.reason.code) ? 'self-service' : 'other';
  return [
    `${answer.orderId}: ${describeStatus(answer.status)} (${self})${hint}`,
    `${answer.reason.code}: ${answer.reason.text}`,
    `deadline ${deadline ?? '-'}, ${days ?? '-'} d, ${answer.remainingMs ?? '-'} ms, next ${next ?? '-'}`,
    `policy ${answer.policyVersion}`,
    ...lines,
  ].join('\n');
}

function report(results: EvaluationResult[]): string[] {
  return results.map((r) => {
    if ('error' in r) {
      const failure: EvaluationFailure = r;
      const error: EngineError = failure.error;
      const code: ErrorCode = error.code;
      return `${failure.orderId ?? '(no id)'}: ${code} at ${error.path}: ${error.message}`;
    }
    return summarize(r);
  });
}

function isEngineError(e: unknown): e is Error & EngineError {
  return e instanceof Error && typeof (e as Partial<EngineError>).code === 'string';
}

export async function main(wasmBytes?: Uint8Array): Promise<void> {
  if (wasmBytes) initSync({ module: wasmBytes });
  else await init();

  const order: Order = {
    id: '4137201234567890123', // Taobao order numbers exceed 2^53: strings
    category: 'mobile_phone',
    status: 'success',
    successAt: '2021-07-30T11:43:30+08:00',
    deliveredAt: 1627455720000,
    invoiceAt: '2021-07-27',
    repairDays: 0,
    exchangedAt: null,
    merchantPromises: [{ service: 'repair', months: 24, from: 'invoice' }],
  };
  const now = Date.UTC(2021, 8, 15, 2);

  // Without a policy: the embedded default.
  const engine = new Engine();
  const first: Eligibility = engine.evaluate(order, now);
  console.log(summarize(first));

  // With a policy and options.
  const policy: PolicySnapshot = {
    version: 'shop-2021.07',
    entryDays: 15,
    holidays: ['2021-10-01'],
    categories: {
      '3c_digital': { entryDays: 180 },
      mobile_phone: {
        parent: '3c_digital',
        threeGuarantees: { returnDays: 7, exchangeDays: 15, warrantyMonths: 12, parts: { battery: 6 } },
      },
    },
  };
  const options: EngineOptions = { locale: 'en' };
  const shop = new Engine(policy, options);
  const version1: string = shop.policyVersion;
  shop.syncClock(Date.now());
  const later: Eligibility = shop.evaluate(order);
  console.log(version1, summarize(later));

  const results: EvaluationResult[] = shop.evaluateMany([order, { ...order, id: '2' }], now);
  console.log(report(results).join('\n'));

  const once: Eligibility = evaluate(order, defaultPolicy(), now);
  const embedded: PolicySnapshot = defaultPolicy();
  const entryDays: number = embedded.entryDays;
  const crate: string = version();
  console.log(once.status, entryDays, crate, embedded.categories?.['mobile_phone']?.threeGuarantees?.warrantyMonths);

  try {
    new Engine({ version: 'bad', entryDays: -1 });
  } catch (e) {
    if (isEngineError(e)) console.log(e.code, e.path, e.message);
  }

  // @ts-expect-error an order id is a string: Taobao order numbers exceed 2^53
  engine.evaluate({ id: 4137201234567890, category: 'apparel', status: 'success' }, now);

  // @ts-expect-error "expired" is not a Status
  const unknownStatus: Status = 'expired';

  // @ts-expect-error an order's status is "pending", "success" or "closed"
  const refunded: Order = { id: 'T9', category: 'apparel', status: 'refunded' };

  // @ts-expect-error the locale is "zh-CN" or "en"
  new Engine(undefined, { locale: 'fr' });

  // @ts-expect-error "TIMEOUT" is not a ReasonCode
  const badReason: ReasonCode = 'TIMEOUT';

  // @ts-expect-error now is epoch milliseconds, not a string
  engine.evaluate(order, '2021-09-15T10:00:00+08:00');

  // @ts-expect-error policyVersion is read-only
  engine.policyVersion = 'tampered';

  // @ts-expect-error a policy snapshot needs entryDays
  const partial: PolicySnapshot = { version: 'p' };

  // @ts-expect-error not narrowed: an EvaluationFailure has no status
  const unnarrowed: Status = results[0].status;

  // @ts-expect-error a merchant promise's service is return, exchange or repair
  const promise: Order['merchantPromises'] = [{ service: 'refund', days: 7, from: 'success' }];

  console.log(unknownStatus, refunded, badReason, partial, unnarrowed, promise);
}

// shouhoubao/worker: the page's client is the engine's methods, async.
export async function workerConsumer(orders: Order[], policy: PolicySnapshot): Promise<EvaluationResult[]> {
  const engine: EngineClient = connect(new Worker(new URL('./engine-worker.js', import.meta.url), { type: 'module' }));
  const { policyVersion }: { policyVersion: string } = await engine.policy(policy, { locale: 'en' });
  await engine.syncClock(Date.now());
  const watch: WorkerWatch = await engine.watch(orders, (...update: unknown[]) => console.log(policyVersion, update));
  await watch.update(orders);
  await watch.stop();
  try {
    return await engine.evaluateMany(orders, Date.now());
  } catch (e) {
    const error = e as WorkerError;
    const code: ErrorCode | 'WORKER_ERROR' = error.code;
    console.log(code, error.path, error.message);
    return [];
  } finally {
    await engine.close();
  }
}

export function workerScope(scope: {
  postMessage(m: unknown): void;
  addEventListener(t: 'message', l: (e: MessageEvent) => void): void;
  removeEventListener(t: 'message', l: (e: MessageEvent) => void): void;
}): void {
  serve(scope, { wasm: '/static/shouhoubao_bg.wasm' }).close();
  // @ts-expect-error a client needs a Worker, a worker scope or a channel
  connect({});
  // @ts-expect-error evaluateMany resolves to results, not one answer
  const one: Promise<Eligibility> = connect(scope).evaluateMany([]);
  console.log(one);
}
