// The mini-program runtime's globals, for type-checking the package's JS
// (tests/js/tsconfig.js.json): WeChat's loader; Alipay's has the same shape.
declare const WXWebAssembly: {
  instantiate(path: string, imports: Record<string, Record<string, unknown>>): Promise<unknown>;
};
