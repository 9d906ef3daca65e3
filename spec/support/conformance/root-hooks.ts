// Mocha root-hook plugin (listed in .mocharc.json `require`): every answer any mock gives during the run is
// checked against OpenAI's spec, and a test whose answers do not match fails, naming the operation, the field
// and the test. Set OPENAI_RESPONSES_CONFORMANCE=report to print violations without failing; set
// OPENAI_RESPONSES_CONFORMANCE_SUMMARY=<file> to write the run's counts as JSON.
import diagnosticsChannel from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ANSWER_CHANNEL, type AnswerMessage, SOCKET_EVENT_CHANNEL, type SocketEventMessage } from '../../../lib/internal/diagnostics.js';
import { type Violation, checkAnswer, checkSocketEvent } from './check-answer.js';
import { clearExemptions, exemptionFor } from './exemptions.js';
import { knownViolation, knownViolationsReport } from './known-violations.js';
import { quirkUses } from './quirks.js';
import { type RelayedAnswer, relayedAnswers, startRelay } from './relay.js';
import { compileCost } from './spec-document.js';

interface Pending {
  readonly message: AnswerMessage | RelayedAnswer;
  readonly test: string;
}

const reportOnly = process.env.OPENAI_RESPONSES_CONFORMANCE === 'report';
const off = process.env.OPENAI_RESPONSES_CONFORMANCE === 'off';
let currentTest = 'outside any test';
let pending: Pending[] = [];
/** Messages mocks sent over WebSockets since the last check, each with its test. */
let pendingSocketEvents: { readonly message: SocketEventMessage; readonly test: string }[] = [];

const totals = {
  answers: 0,
  fromChildProcesses: 0,
  validated: 0,
  unchecked: {} as Record<string, number>,
  exempted: {} as Record<string, number>,
  violations: [] as (Violation & { test: string })[],
  milliseconds: 0,
};

function count(bag: Record<string, number>, key: string): void {
  bag[key] = (bag[key] ?? 0) + 1;
}

function onAnswer(message: unknown): void {
  pending.push({ message: message as AnswerMessage, test: currentTest });
}

function onSocketEvent(message: unknown): void {
  pendingSocketEvents.push({ message: message as SocketEventMessage, test: currentTest });
}

if (!off) {
  diagnosticsChannel.subscribe(ANSWER_CHANNEL, onAnswer);
  diagnosticsChannel.subscribe(SOCKET_EVENT_CHANNEL, onSocketEvent);
  startRelay();
}

/** Checks what was answered since the last check; the violations found. */
async function drain(): Promise<(Violation & { test: string })[]> {
  const batch = pending;
  pending = [];
  for (const message of relayedAnswers()) {
    totals.fromChildProcesses += 1;
    batch.push({ message, test: `${currentTest}, in ${message.where}` });
  }
  const found: (Violation & { test: string })[] = [];
  const started = performance.now();
  for (const { message, test } of batch) {
    totals.answers += 1;
    const exemption = exemptionFor(message.route.name);
    if (exemption) {
      count(totals.exempted, `${message.route.name}: ${exemption.reason}`);
      continue;
    }
    const result = await checkAnswer(message);
    totals.validated += result.validated;
    if (result.unchecked) count(totals.unchecked, `${message.route.name}: ${result.unchecked}`);
    for (const violation of result.violations) {
      totals.violations.push({ ...violation, test });
      if (!knownViolation(violation)) found.push({ ...violation, test });
    }
  }
  const socketBatch = pendingSocketEvents;
  pendingSocketEvents = [];
  for (const { message, test } of socketBatch) {
    totals.answers += 1;
    const result = checkSocketEvent(message.path, message.data);
    totals.validated += result.validated;
    if (result.unchecked) count(totals.unchecked, `WebSocket ${message.path}: ${result.unchecked}`);
    for (const violation of result.violations) {
      totals.violations.push({ ...violation, test });
      if (!knownViolation(violation)) found.push({ ...violation, test });
    }
  }
  totals.milliseconds += performance.now() - started;
  return found;
}

function explain(violations: readonly (Violation & { test: string })[]): string {
  const lines = violations.map((v) => `  ${v.operation} (${v.route}) ${v.where}: ${v.field || '(the whole body)'} ${v.message}\n    in test: ${v.test}`);
  return `The mock answered off OpenAI's spec (${violations.length} violation${violations.length === 1 ? '' : 's'}):\n${lines.join('\n')}\n` +
    'Fix the answer in lib/, or, if the test sets an off-spec answer on purpose, call exemptFromConformance(reason).';
}

export const mochaHooks = {
  beforeEach(this: Mocha.Context): void {
    clearExemptions();
    currentTest = this.currentTest?.fullTitle() ?? 'outside any test';
  },
  async afterEach(this: Mocha.Context): Promise<void> {
    if (off) return;
    const found = await drain();
    currentTest = 'outside any test';
    clearExemptions();
    if (found.length === 0) return;
    const error = new Error(explain(found));
    error.stack = error.message;
    if (reportOnly) process.stderr.write(`${error.message}\n`);
    else (this.test as Mocha.Hook | undefined)?.error(error);
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    if (off) return;
    const found = await drain();
    if (found.length > 0) {
      const message = explain(found);
      if (reportOnly) process.stderr.write(`${message}\n`);
      else throw new Error(message);
    }
    const known = knownViolationsReport();
    if (known.length > 0) process.stderr.write(`\nConformance: ${known.join('\n')}\n`);
    const file = process.env.OPENAI_RESPONSES_CONFORMANCE_SUMMARY;
    if (file) {
      writeFileSync(file, JSON.stringify({ ...totals, compiled: compileCost(), quirks: Object.fromEntries(quirkUses) }, null, 2));
    }
  },
};
