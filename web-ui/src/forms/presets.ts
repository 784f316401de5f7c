import type { ProviderType } from '../api';

export interface Preset {
  type: ProviderType;
  label: string;
  baseUrl: string;
  needsKey: boolean;
  keyHint: string;
}

export const PRESETS: Preset[] = [
  { type: 'openai', label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', needsKey: true, keyHint: 'Starts with sk-; from platform.openai.com → API keys.' },
  { type: 'anthropic', label: 'Anthropic', baseUrl: 'https://api.anthropic.com', needsKey: true, keyHint: 'Starts with sk-ant-; from console.anthropic.com → API keys.' },
  { type: 'zai', label: 'Z.ai', baseUrl: 'https://api.z.ai/api/paas/v4', needsKey: true, keyHint: 'From the Z.ai console → API keys.' },
  { type: 'ollama', label: 'Ollama', baseUrl: 'http://localhost:11434', needsKey: false, keyHint: 'Ollama usually needs no key; leave empty unless a proxy in front of it asks for one.' },
  { type: 'custom', label: 'Custom (OpenAI-compatible)', baseUrl: '', needsKey: false, keyHint: 'Whatever the endpoint expects as a bearer token; leave empty if none.' },
];

export function preset(type: string): Preset {
  return PRESETS.find((p) => p.type === type) ?? PRESETS[PRESETS.length - 1];
}

export const API_TYPES = ['openai-completions', 'openai-responses', 'anthropic-messages', 'ollama'];

export const COMMON_TOOLS = ['read', 'write', 'edit', 'exec', 'web_search', 'web_fetch', 'browser', 'message'];

export const SOUL_TEMPLATE = `# SOUL.md

You are {name}, {role}.

## How you work
- Be concise and concrete.
- Ask before doing anything that cannot be undone.

## Boundaries
- Never reveal secrets, tokens or keys.
`;
