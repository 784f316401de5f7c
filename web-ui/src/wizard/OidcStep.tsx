import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../api';
import { QueryStatus } from '../components/ui';
import { OidcForm } from '../forms/OidcForm';
import { queries } from '../queries';

/**
 * Optional: single sign-on. Saving checks the issuer's discovery document and shows what was found and the
 * redirect URI to register; "Skip" moves on. Settings → Security offers the same form later.
 */
export function OidcStep({ onNext, onBack }: { onNext: () => void; onBack?: () => void }) {
  const read = useQuery(queries.oidcSettings());
  const [saved, setSaved] = useState(false);

  // Without settings to read (a failure) the form starts empty.
  if (read.isPending) return <QueryStatus query={read} loading="Loading…" />;
  const settings = read.data ?? null;
  const unavailable = read.error instanceof ApiError && (read.error.status === 404 || read.error.status === 405);
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
        onSaved={() => setSaved(true)}
        extraActions={<>
          {onBack && <button type="button" onClick={onBack}>Back</button>}
          {configured
            ? <button type="button" className="primary" onClick={onNext}>Continue</button>
            : <button type="button" onClick={onNext}>Skip for now</button>}
        </>} />
    </div>
  );
}
