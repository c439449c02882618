import { useEffect, useState } from 'react';

/** How long to wait for the browser to list its voices (they load asynchronously) before saying there is none. */
const VOICES_GRACE_MS = 1_500;

function synthesis(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
}

/** The same voices as before keep their identity: a question is not read again because the list was re-announced. */
function sameVoices(before: readonly SpeechSynthesisVoice[], after: readonly SpeechSynthesisVoice[]): boolean {
  return before.length === after.length && before.every((voice, i) => voice.voiceURI === after[i]?.voiceURI);
}

const primaryLanguage = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];

/**
 * A voice of this device for a language: one that works offline if there is one (workers are
 * often without a connection), else any. Voices name their language "es-MX", "es_US", "ht"…
 */
export function voiceFor(voices: readonly SpeechSynthesisVoice[], language: string): SpeechSynthesisVoice | null {
  const matching = voices.filter((voice) => primaryLanguage(voice.lang) === primaryLanguage(language));
  return matching.find((voice) => voice.localService) ?? matching[0] ?? null;
}

/**
 * The device's voice for a language: undefined while the browser may still be listing its voices,
 * null when it has none for that language (or no speech synthesis at all).
 */
export function useVoice(language: string | undefined): SpeechSynthesisVoice | null | undefined {
  const [voices, setVoices] = useState<readonly SpeechSynthesisVoice[]>(() => synthesis()?.getVoices() ?? []);
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    const speech = synthesis();
    if (!speech) {
      setSettled(true);
      return;
    }
    const update = () => {
      const listed = speech.getVoices();
      setVoices((known) => (sameVoices(known, listed) ? known : listed));
    };
    const refresh = () => {
      update();
      setSettled(true);
    };
    update();
    speech.addEventListener('voiceschanged', refresh);
    const grace = setTimeout(() => setSettled(true), VOICES_GRACE_MS);
    return () => {
      speech.removeEventListener('voiceschanged', refresh);
      clearTimeout(grace);
    };
  }, []);
  if (language === undefined) return null;
  const voice = voiceFor(voices, language);
  // A list that has arrived is the whole list: Chromium, for one, announces it once.
  return voice ?? (settled || voices.length > 0 ? null : undefined);
}

/** Reads a text aloud with a voice, interrupting whatever was being read. */
export function speak(text: string, voice: SpeechSynthesisVoice): void {
  const speech = synthesis();
  if (!speech) return;
  speech.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  speech.speak(utterance);
}

export function stopSpeaking(): void {
  synthesis()?.cancel();
}
