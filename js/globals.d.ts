// The mini-program runtime's globals, for type-checking the package's JS
// (tests/js/tsconfig.js.json): WeChat's loader; Alipay's has the same shape.
declare const WXWebAssembly: {
  instantiate(path: string, imports: Record<string, Record<string, unknown>>): Promise<unknown>;
};
// ES2021's WeakRef, which the package (ES2020) uses only where it exists:
// an order handed over as a WeakRef is refused like other built-ins.
declare const WeakRef: Function & { prototype: { deref(): unknown } };
