// The mini-program runtime's globals, for type-checking the package's JS
// (tests/js/tsconfig.js.json): WeChat's loader; Alipay's and Douyin's have the
// same shape; a mini-program worker's global `worker`.
declare const WXWebAssembly: {
  instantiate(path: string, imports: Record<string, Record<string, unknown>>): Promise<unknown>;
};
declare const MYWebAssembly: typeof WXWebAssembly;
declare const TTWebAssembly: typeof WXWebAssembly;
declare const worker:
  { postMessage(message: object): void; onMessage(listener: (message: any) => void): void } | undefined;
// ES2021's WeakRef, which the package (ES2020) uses only where it exists:
// an order handed over as a WeakRef is refused like other built-ins.
declare const WeakRef: Function & { prototype: { deref(): unknown } };
