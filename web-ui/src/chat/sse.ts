// Server-sent events read incrementally from a fetch body: bytes arrive in pieces cut anywhere (inside a
// line, inside a UTF-8 character, between "\r" and "\n"); whole events come out. The parsing itself is
// eventsource-parser's; this adds the byte decoding and the end-of-body rule.

import { createParser } from 'eventsource-parser';

export interface SseEvent {
  /** The event type: "message" unless an `event:` line names another. */
  event: string;
  /** The `data:` lines of the event joined by "\n". */
  data: string;
}

export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private completed: SseEvent[] = [];
  private readonly parser = createParser({
    onEvent: (e) => this.completed.push({ event: e.event || 'message', data: e.data }),
  });

  /** Feeds the next piece of the body; returns the events it completed. */
  push(chunk: Uint8Array | string): SseEvent[] {
    this.parser.feed(typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true }));
    return this.take();
  }

  /** The body ended: an event without its closing blank line still counts. */
  end(): SseEvent[] {
    const rest = this.decoder.decode();
    if (rest) this.parser.feed(rest);
    // The end of the body ends the last line and the last event, as if a blank line followed.
    this.parser.feed('\n\n');
    this.parser.reset();
    return this.take();
  }

  private take(): SseEvent[] {
    const events = this.completed;
    this.completed = [];
    return events;
  }
}

/** Said by the stream itself: an `event: error`, an error chunk, or an answer cut short. */
export class ChatStreamError extends Error {}

function errorMessage(data: string): string {
  try {
    const parsed = JSON.parse(data) as { error?: { message?: string } | string; message?: string };
    if (typeof parsed.error === 'string') return parsed.error;
    return parsed.error?.message || parsed.message || data;
  } catch {
    return data || 'The agent’s answer failed.';
  }
}

/**
 * Reads an OpenAI chat-completions stream (`data: {chunk}` … `data: [DONE]`), handing each piece of the
 * answer's text to onDelta as it arrives. Resolves at [DONE]; rejects with a ChatStreamError on an
 * `event: error` or a body that ends before [DONE], and with the AbortError when the reader is cancelled.
 */
export async function readChatStream(body: ReadableStream<Uint8Array>, onDelta: (text: string) => void): Promise<void> {
  const reader = body.getReader();
  const parser = new SseParser();
  const handle = (events: SseEvent[]): boolean => {
    for (const e of events) {
      if (e.event === 'error') throw new ChatStreamError(errorMessage(e.data));
      if (e.event !== 'message') continue;
      if (e.data.trim() === '[DONE]') return true;
      let chunk: { choices?: { delta?: { content?: string | null } }[]; error?: unknown };
      try {
        chunk = JSON.parse(e.data);
      } catch {
        continue;
      }
      if (chunk.error) throw new ChatStreamError(errorMessage(e.data));
      const text = chunk.choices?.[0]?.delta?.content;
      if (text) onDelta(text);
    }
    return false;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        if (handle(parser.end())) return;
        throw new ChatStreamError('The answer ended before it was complete.');
      }
      if (handle(parser.push(value))) {
        await reader.cancel().catch(() => undefined);
        return;
      }
    }
  } catch (e) {
    void reader.cancel().catch(() => undefined);
    throw e;
  }
}
