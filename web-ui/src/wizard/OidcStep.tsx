import { useEffect, useState } from 'react';
import { api, ApiError, type OidcSettings } from '../api';
import { OidcForm } from '../forms/OidcForm';

/**
 * Optional: single sign-on. Saving checks the issuer's discovery document and shows what was found and the
 * redirect URI to register; "Skip" moves on. Settings → Security offers the same form later.
 */
export function OidcStep({ onNext, onBack }: { onNext: () => void; onBack?: () => void }) {
  const [settings, setSettings] = useState<OidcSettings | null | undefined>(undefined);
  const [unavailable, setUnavailable] = useState(false);
  const [saved, setSaved] = useState(false);

  async function load() {
    try {
      setSettings(await api.get<OidcSettings>('/api/settings/oidc'));
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) setUnavailable(true);
      setSettings(null);
    }
  }
  useEffect(() => { void load(); }, []);

  if (settings === undefined) return <p aria-busy="true">Loading…</p>;
  const configured = saved || !!settings?.configured;
  return (
    <div>
      <p>Optional. Let people sign in with your identity provider (OIDC). You can skip this and configure it later in Settings → Security.
        The breakglass admin you just created always keeps working.</p>
      {unavailable && (
        <div className="notice" role="status">
          Single sign-on cannot be set up on this server version yet. Skip for now and configure it later in Settings.
        </div>
      )}
      {settings?.configured && !saved && (
        <div className="notice" role="status">Single sign-on is already set up for {settings.issuerUrl}. Change it below or continue.</div>
      )}
      <OidcForm method="POST" endpoint="/api/onboarding/oidc" settings={settings} submitLabel={configured ? 'Save changes' : 'Save'}
        onSaved={async () => { setSaved(true); await load(); }}
        extraActions={<>
          {onBack && <button type="button" onClick={onBack}>Back</button>}
          {configured
            ? <button type="button" className="primary" onClick={onNext}>Continue</button>
            : <button type="button" onClick={onNext}>Skip for now</button>}
        </>} />
    </div>
  );
}
