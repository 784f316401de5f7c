// The HTTP client of the UI: same origin, session cookie, CSRF token echoed from the XSRF-TOKEN cookie,
// problem+json errors turned into ApiError with per-field messages.

import type { components } from './generated/api';

export type FieldError = components['schemas']['FieldError'];

/**
 * The problem document of a failed call (components['schemas']['Problem'], RFC 9457, which allows more members);
 * the client makes one up for an answer that is not one (a network error, a proxy's HTML page).
 */
export type Problem = components['schemas']['Problem'] & { [key: string]: unknown };

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** Field messages keyed by field name (as the server names it, e.g. "models[0].id"). */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      const key = e.field.replace(/^agents\[\d+\]\./, '');
      out[key] = out[key] ? `${out[key]}; ${e.message}` : e.message;
    }
    return out;
  }

  get isStale(): boolean {
    return this.status === 412;
  }
}

export function readCookie(name: string): string | null {
  const match = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
  return match ? decodeURIComponent(match.substring(name.length + 1)) : null;
}

export interface RequestOptions {
  ifMatch?: number;
  signal?: AbortSignal;
  /** Sees the headers of a successful answer (e.g. the ETag a later If-Match names). */
  onHeaders?: (headers: Headers) => void;
}

/** The header of a write that started a staged rollout: its id. */
export const ROLLOUT_HEADER = 'Mosaic-Rollout';
/** The window event the client sends when a write started a rollout (`detail`: its id). */
export const ROLLOUT_STARTED = 'mosaic:rollout-started';

/** The version an ETag names (`"12"` or `W/"12"`), or null. */
export function etagVersion(headers: Headers): number | null {
  const match = /^(?:W\/)?"(\d+)"$/.exec(headers.get('ETag') ?? '');
  return match ? Number(match[1]) : null;
}

/** Every successful answer: its headers to the caller, and a rollout it started announced to the app. */
function answered(response: Response, options: RequestOptions) {
  options.onHeaders?.(response.headers);
  const rollout = response.headers.get(ROLLOUT_HEADER);
  if (rollout) window.dispatchEvent(new CustomEvent(ROLLOUT_STARTED, { detail: rollout }));
}

async function ensureCsrf(): Promise<string | null> {
  let token = readCookie('XSRF-TOKEN');
  if (!token) {
    await fetch('/api/onboarding/status', { credentials: 'same-origin' });
    token = readCookie('XSRF-TOKEN');
  }
  return token;
}

/** A body sent as it is, with its media type (a YAML document), instead of as JSON. */
export class RawBody {
  constructor(readonly text: string, readonly type: string) {}
}

async function writeHeaders(method: string, accept: string, body: unknown, options: RequestOptions): Promise<Record<string, string>> {
  const headers: Record<string, string> = { Accept: accept };
  if (body !== undefined) headers['Content-Type'] = body instanceof RawBody ? body.type : 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const token = await ensureCsrf();
    if (token) headers['X-XSRF-TOKEN'] = token;
  }
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  return headers;
}

async function send(method: string, path: string, accept: string, body: unknown, options: RequestOptions): Promise<Response> {
  const headers = await writeHeaders(method, accept, body, options);
  try {
    return await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : body instanceof RawBody ? body.text : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, { status: 0, title: 'Network error', detail: 'Mosaic could not be reached. Check your connection and try again.' });
  }
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function failure(response: Response, path: string, data: unknown): ApiError {
  const problem: Problem = typeof data === 'object' && data !== null
    ? { status: response.status, ...(data as object) }
    : { status: response.status, detail: typeof data === 'string' && data ? data : response.statusText };
  if (response.status === 401 && !path.startsWith('/api/auth/')) {
    // The session ended (expired, or signed out elsewhere): the app goes back to its sign-in page.
    window.dispatchEvent(new CustomEvent('mosaic:unauthorized'));
  }
  return new ApiError(response.status, problem);
}

// ---- four-eyes ----
// While the change policy asks for approvals, every governed write is sent as a proposal (?propose=true): the one
// place that knows this is here, so no form has to. The policy is learnt whenever it is read (queries.changePolicy).

let approvalsRequired = 0;

/** How many approvals a change needs now (0: four-eyes is off), as last read from the server. */
export function fourEyesApprovals(): number {
  return approvalsRequired;
}

/** Called with the policy each time it is read or saved. */
export function learnChangePolicy(required: unknown) {
  approvalsRequired = typeof required === 'number' && required > 0 ? required : 0;
}

export const CHANGE_POLICY_PATH = '/api/settings/change-policy';
const GOVERNED_SETTINGS = ['/api/settings/oidc', '/api/settings/rollout', '/api/fleet', '/api/revert', CHANGE_POLICY_PATH];

/** The writes four-eyes governs (the server's GovernedWrites): providers, agents, sign-in, rollout policy, fleet, revert, the policy. */
export function isGovernedWrite(method: string, path: string): boolean {
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) return false;
  const [bare] = path.split('?');
  if (bare.startsWith('/api/providers')) return !bare.endsWith('/test');
  return bare === '/api/agents' || bare.startsWith('/api/agents/') || GOVERNED_SETTINGS.includes(bare);
}

function isDryRun(path: string, body: unknown): boolean {
  return /[?&]dryRun=true(&|$)/.test(path) || (typeof body === 'object' && body !== null && (body as { dryRun?: unknown }).dryRun === true);
}

/** Whether this write goes out as a proposal under the policy now known (raising the policy needs no approval). */
export function proposes(method: string, path: string, body: unknown): boolean {
  if (approvalsRequired === 0 || !isGovernedWrite(method, path) || isDryRun(path, body)) return false;
  if (path.split('?')[0] === CHANGE_POLICY_PATH) {
    const asked = (body as { approvalsRequired?: unknown } | undefined)?.approvalsRequired;
    return !(typeof asked === 'number' && asked >= approvalsRequired);
  }
  return true;
}

function withPropose(path: string): string {
  return path + (path.includes('?') ? '&' : '?') + 'propose=true';
}

/** The window event sent when a write was refused for want of approval, or proposed: the policy is read again. */
export const FOUR_EYES_CHANGED = 'mosaic:four-eyes';

/**
 * Not an error: the write was stored as a change request (201) that other admins approve before anyone applies
 * it. Thrown so the form does not take it for its usual answer; useAction says it as "proposed".
 */
export class Proposed extends Error {
  readonly request: Schemas['ChangeRequestView'];

  constructor(request: Schemas['ChangeRequestView']) {
    super(proposedMessage(request));
    this.request = request;
  }
}

export function proposedMessage(request: Schemas['ChangeRequestView']): string {
  const n = request.approvalsRequired;
  return `Proposed as change request “${request.title}” — it needs ${n} approval${n === 1 ? '' : 's'} by another admin before it can be applied.`;
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const proposing = proposes(method, path, body);
  const response = await send(method, proposing ? withPropose(path) : path, 'application/json', body, options);
  const data = parseBody(await response.text());
  if (!response.ok) {
    const error = failure(response, path, data);
    if (error.problem.approvalRequired === true) {
      // four-eyes was switched on since the policy was read: said plainly, and the forms now offer "Propose"
      const n = Number(error.problem.approvalsRequired) || 1;
      learnChangePolicy(n);
      window.dispatchEvent(new CustomEvent(FOUR_EYES_CHANGED));
      throw new ApiError(403, {
        ...error.problem,
        detail: `Four-eyes is on: this change needs ${n} approval${n === 1 ? '' : 's'} by another admin. Nothing was saved; press Propose to propose it.`,
      });
    }
    throw error;
  }
  if (proposing && response.status === 201) {
    window.dispatchEvent(new CustomEvent(FOUR_EYES_CHANGED));
    throw new Proposed(data as Schemas['ChangeRequestView']);
  }
  answered(response, options);
  return data as T;
}

/** A GET whose answer is text of the given media type (the fleet as YAML), returned as it is. */
export async function getText(path: string, accept: string, options: RequestOptions = {}): Promise<string> {
  const response = await send('GET', path, accept, undefined, options);
  const text = await response.text();
  if (!response.ok) throw failure(response, path, parseBody(text));
  answered(response, options);
  return text;
}

/**
 * A POST whose answer is read as it arrives (a chat answer as text/event-stream): the response is returned
 * once its headers are in, with the body unread; a failure before streaming began is an ApiError. `onHeaders`
 * sees the headers of either (a chat that failed at once still names its conversation).
 */
export async function postStream(path: string, body: unknown, options: RequestOptions = {}): Promise<Response> {
  const response = await send('POST', path, 'text/event-stream', body, options);
  options.onHeaders?.(response.headers);
  if (!response.ok) throw failure(response, path, parseBody(await response.text()));
  return response;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

// ---- the shapes of the API ----
// Generated from the server's OpenAPI description (src/generated/api.d.ts, kept true by the server's
// UiContractFilesTest), so the UI cannot drift from the API.

export type Schemas = components['schemas'];

export type OnboardingStatus = Schemas['OnboardingStatus'];
export type Me = Schemas['Me'];
export type Provider = Schemas['ProviderView'];
export type ProviderType = Provider['type'];
export type Providers = Schemas['ItemsProviderView'];
/** A model as forms edit and send it; a provider's models as read are Schemas['ProviderModel']. */
export type Model = Schemas['ModelInput'];
export type ModelRef = Schemas['ModelRef'];
export type Agent = Schemas['AgentView'];
export type Agents = Schemas['ItemsAgentView'];
export type AgentStatus = Schemas['AgentStatus'];
export type TestResult = Schemas['ProviderTestResult'];
export type AuditChange = Schemas['Change'];
export type AuditEntry = Schemas['AuditEntry'];
export type AuditEntries = Schemas['ItemsAuditEntry'];
export type ChatAgent = Schemas['ChatAgent'];
export type ChatAgents = Schemas['ItemsChatAgent'];
/** The part of the OpenAI chat body Mosaic reads; the gateway gets the body as it is. */
export type ChatRequest = Schemas['ChatRequest'];
export type ChatMessage = Schemas['ChatMessage'];
/** The name of the answer header that carries the id of the conversation a chat message went to. */
export const CONVERSATION_HEADER = 'Mosaic-Conversation';
export type Conversation = Schemas['Conversation'];
export type ConversationSummary = Schemas['ConversationSummary'];
export type ConversationMessage = Schemas['ConversationMessage'];
export type ConversationPage = Schemas['ItemsConversationSummary'];
export type SignInProviders = Schemas['SignInProviders'];
export type OidcSettings = Schemas['OidcSettingsView'];
export type NewProvider = Schemas['NewProvider'];
export type AgentToken = Schemas['AgentToken'];
export type IssuedToken = Schemas['IssuedToken'];
export type IssuedTokens = Schemas['IssuedTokens'];
export type DeploySummary = Schemas['DeploySummary'];
export type Rollout = Schemas['RolloutView'];
export type RolloutPage = Schemas['ItemsRolloutView'];
export type RolloutWave = Schemas['Wave'];
export type RolloutAgent = Schemas['WaveAgent'];
export type RolloutPolicy = Schemas['RolloutPolicy'];
export type RolloutPolicyRequest = Schemas['RolloutPolicyRequest'];
export type SavedRolloutPolicy = Schemas['SavedRolloutPolicy'];
export type ApiToken = Schemas['ApiTokenView'];
export type ApiTokens = Schemas['ItemsApiTokenView'];
export type NewApiToken = Schemas['NewApiToken'];
export type IssuedApiToken = Schemas['IssuedApiToken'];
export type FleetApplyAnswer = Schemas['FleetApplyAnswer'];
export type PlannedCommand = Schemas['PlannedCommand'];
export type ChangePolicy = Schemas['ChangePolicy'];
export type ChangePolicyRequest = Schemas['ChangePolicyRequest'];
export type SavedChangePolicy = Schemas['SavedChangePolicy'];
export type ChangeRequest = Schemas['ChangeRequestView'];
export type ChangeRequestPage = Schemas['ItemsChangeRequestView'];
export type ChangeRequestDetail = Schemas['ChangeRequestDetail'];
export type AppliedChangeRequest = Schemas['AppliedChangeRequest'];
export type ChangeRequestState = ChangeRequest['state'];
export type TouchedEntity = Schemas['TouchedEntity'];
