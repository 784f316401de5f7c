import { describe, expect, it } from 'vitest';
import { ChatStreamError, SseParser, readChatStream, type SseEvent } from './sse';

const chunk = (text: string) => `data: {"choices":[{"index":0,"delta":{"content":${JSON.stringify(text)}}}]}\n\n`;

function bodyOf(pieces: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of pieces) controller.enqueue(typeof p === 'string' ? encoder.encode(p) : p);
      controller.close();
    },
  });
}

async function answerOf(pieces: (string | Uint8Array)[]): Promise<string> {
  let text = '';
  await readChatStream(bodyOf(pieces), (d) => { text += d; });
  return text;
}

describe('the SSE parser', () => {
  const stream = ': a comment\r\n' + chunk('Grüße ') + 'event: ping\ndata: {}\n\n' + chunk('🌍 **ok**')
    + 'data: line one\ndata: line two\r\n\r\n' + 'data: [DONE]\n\n';

  it('gives the same events however the bytes are cut, even inside a character or between \\r and \\n', () => {
    const bytes = new TextEncoder().encode(stream);
    const whole = new SseParser().push(bytes);
    expect(whole.map((e) => e.event)).toEqual(['message', 'ping', 'message', 'message', 'message']);
    expect(whole[3].data).toBe('line one\nline two');
    expect(whole[4].data).toBe('[DONE]');
    for (let size = 1; size <= 7; size++) {
      for (let offset = 0; offset < size; offset++) {
        const parser = new SseParser();
        const events: SseEvent[] = parser.push(bytes.subarray(0, offset));
        for (let at = offset; at < bytes.length; at += size) events.push(...parser.push(bytes.subarray(at, at + size)));
        events.push(...parser.end());
        expect(events).toEqual(whole);
      }
    }
  });

  it('counts a last event that lacks its blank line when the body ends', () => {
    const parser = new SseParser();
    expect(parser.push('data: a\n\ndata: b')).toEqual([{ event: 'message', data: 'a' }]);
    expect(parser.end()).toEqual([{ event: 'message', data: 'b' }]);
  });
});

describe('reading a chat stream', () => {
  it('appends each delta and stops at [DONE], with pieces split at every byte', async () => {
    const text = chunk('Hel') + chunk('lo, ') + 'data: {"choices":[{"delta":{"role":"assistant"}}]}\n\n' + chunk('wörld ✓') + 'data: [DONE]\n\n';
    const bytes = new TextEncoder().encode(text);
    const oneByOne = Array.from(bytes, (b) => Uint8Array.of(b));
    expect(await answerOf(oneByOne)).toBe('Hello, wörld ✓');
    expect(await answerOf([text])).toBe('Hello, wörld ✓');
  });

  it('ignores whatever follows [DONE]', async () => {
    expect(await answerOf([chunk('a') + 'data: [DONE]\n\n' + chunk('never')])).toBe('a');
  });

  it('fails with the message of an `event: error`, after the text that came before it', async () => {
    let text = '';
    const reading = readChatStream(bodyOf([chunk('partial'), 'event: error\ndata: {"error":{"message":"the agent\'s gateway went silent","type":"gateway_error"}}\n\n']),
      (d) => { text += d; });
    await expect(reading).rejects.toThrow(new ChatStreamError("the agent's gateway went silent"));
    expect(text).toBe('partial');
  });

  it('fails on an error chunk and on a body cut before [DONE]', async () => {
    await expect(answerOf(['data: {"error":{"message":"rate limited"}}\n\n'])).rejects.toThrow('rate limited');
    await expect(answerOf([chunk('half')])).rejects.toBeInstanceOf(ChatStreamError);
  });
});
