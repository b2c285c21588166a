;; What a call costs JavaScriptCore's wasm interpreter (BENCHMARKS.md, "What a call
;; costs the interpreter"): the same loop with its two adds through a call
;; and written in place. Run from the repository root:
;;
;;   npx wasm-as perf/ipint-calls.wat -o /tmp/ipint-calls.wasm
;;   jsc --useJIT=false perf/ipint-calls.js -- /tmp/ipint-calls.wasm

(module
  (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "withCalls") (param $n i32) (result i32)
    (local $acc i32)
    (block $done (loop $top
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (call $add (local.get $acc) (local.get $n)))
      (local.set $acc (call $add (local.get $acc) (i32.const 3)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $top)))
    (local.get $acc))
  (func (export "inline") (param $n i32) (result i32)
    (local $acc i32)
    (block $done (loop $top
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (i32.add (local.get $acc) (local.get $n)))
      (local.set $acc (i32.add (local.get $acc) (i32.const 3)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $top)))
    (local.get $acc)))
