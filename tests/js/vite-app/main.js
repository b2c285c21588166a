// The consumer app: `shouhoubao` as an npm dependency, bundled by Vite, which
// emits the .wasm as an asset (via `new URL('shouhoubao_bg.wasm', import.meta.url)`
// in the glue). It answers one golden order at that case's fixed `now`.
import init, { Engine, version } from 'shouhoubao';
import examples from '../../vectors/examples.json';

const CASE = 'ex-phone-past-its-entry-inside-三包-warranty';

const show = (id, text) => {
  document.getElementById(id).textContent = String(text);
};

async function main() {
  await init();
  const golden = examples.cases.find((c) => c.name === CASE);
  const policy = golden.policy === 'default' ? undefined : examples.policies[golden.policy];
  const engine = new Engine(policy, { locale: 'en' });
  const answer = engine.evaluate(golden.order, golden.now);
  show('case', CASE);
  show('status', answer.status);
  show('remaining-days', answer.remainingDays);
  show('reason-code', answer.reason.code);
  show('reason-text', answer.reason.text);
  show('version', `${version()} / ${engine.policyVersion}`);
  document.body.dataset.state = 'ready';
}

main().catch((error) => {
  document.body.dataset.state = 'error';
  document.body.append(`error: ${error && error.stack ? error.stack : error}`);
  throw error;
});
