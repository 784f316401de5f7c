import type { ProviderType } from '../api';
import { rules } from '../rules';

// How the forms present each provider type; which types exist, their default base URLs and the API dialects
// come from the server's rules.

export interface Preset {
  type: ProviderType;
  label: string;
  baseUrl: string;
  needsKey: boolean;
  keyHint: string;
}

const PRESENTATION: Record<string, Omit<Preset, 'type' | 'baseUrl'>> = {
  openai: { label: 'OpenAI', needsKey: true, keyHint: 'Starts with sk-; from platform.openai.com → API keys.' },
  anthropic: { label: 'Anthropic', needsKey: true, keyHint: 'Starts with sk-ant-; from console.anthropic.com → API keys.' },
  zai: { label: 'Z.ai', needsKey: true, keyHint: 'From the Z.ai console → API keys.' },
  ollama: { label: 'Ollama', needsKey: false, keyHint: 'Ollama usually needs no key; leave empty unless a proxy in front of it asks for one.' },
  custom: { label: 'Custom (OpenAI-compatible)', needsKey: false, keyHint: 'Whatever the endpoint expects as a bearer token; leave empty if none.' },
};

const UNKNOWN = { needsKey: false, keyHint: 'Whatever the endpoint expects as a bearer token; leave empty if none.' };

/** The provider types the server knows, in its order, each with its default base URL ('' when it has none). */
export function presets(): Preset[] {
  return rules().providerTypes.map((t) => ({
    type: t.type,
    baseUrl: t.defaultBaseUrl ?? '',
    ...(PRESENTATION[t.type] ?? { label: t.type, ...UNKNOWN }),
  }));
}

export function preset(type: string): Preset {
  const all = presets();
  return all.find((p) => p.type === type) ?? all[all.length - 1];
}

/** The API dialects a provider may speak. */
export function apiTypes(): string[] {
  return rules().apiTypes;
}

export const COMMON_TOOLS = ['read', 'write', 'edit', 'exec', 'web_search', 'web_fetch', 'browser', 'message'];

export const SOUL_TEMPLATE = `# SOUL.md

You are {name}, {role}.

## How you work
- Be concise and concrete.
- Ask before doing anything that cannot be undone.

## Boundaries
- Never reveal secrets, tokens or keys.
`;
