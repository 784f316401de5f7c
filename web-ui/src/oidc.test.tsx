import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OidcSettings } from './api';
import { OidcForm, requestOf, draftOf } from './forms/OidcForm';
import { OidcSettingsCard } from './settings/SecurityPage';
import { SignIn } from './SignIn';
import { render, mockApi } from './testing';
import { parseList } from './validation';
import { OidcStep } from './wizard/OidcStep';

beforeEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const CONFIGURED: OidcSettings = {
  configured: true, issuerUrl: 'https://idp.example.test/realms/main', clientId: 'mosaic', clientSecretSet: true,
  scopes: ['openid', 'profile'], roleClaim: 'groups', adminValues: ['mosaic-admins'], auditorValues: ['auditors', 'compliance'],
  verified: false, redirectUri: 'https://mosaic.example.test/login/oauth2/code/oidc', version: 4,
};
const EMPTY: OidcSettings = {
  configured: false, issuerUrl: null, clientId: null, clientSecretSet: false, scopes: null, roleClaim: null,
  adminValues: null, auditorValues: null, verified: false, redirectUri: 'http://localhost:3000/login/oauth2/code/oidc', version: null,
};

describe('role value lists', () => {
  it('split on commas and line breaks, trimmed, without empties or repeats', () => {
    expect(parseList(' mosaic-admins, ops\nplatform-team\r\n\n,ops , ')).toEqual(['mosaic-admins', 'ops', 'platform-team']);
    expect(parseList('')).toEqual([]);
  });

  it('round-trip through the form’s draft; an empty secret is left out of the request', () => {
    const draft = draftOf(CONFIGURED);
    expect(draft.auditorValues).toBe('auditors, compliance');
    expect(draft.clientSecret).toBe('');
    const body = requestOf({ ...draft, adminValues: 'a\nb, c' });
    expect(body.adminValues).toEqual(['a', 'b', 'c']);
    expect(body).not.toHaveProperty('clientSecret');
    expect(body.scopes).toEqual(['openid', 'profile']);
  });
});

describe('the OIDC form', () => {
  it('sends parsed lists and shows the discovery refusal at the issuer URL field', async () => {
    const calls = mockApi((c) => (c.url === '/api/settings/oidc' && c.method === 'PUT'
      ? { status: 400, body: { status: 400, detail: 'Invalid request.', errors: [{ field: 'issuerUrl', message: 'cannot reach the issuer’s discovery document' }] } }
      : undefined));
    const saved = vi.fn();
    render(<OidcForm method="PUT" endpoint="/api/settings/oidc" settings={EMPTY} onSaved={saved} />);
    expect(screen.getByTestId('redirect-uri')).toHaveTextContent('http://localhost:3000/login/oauth2/code/oidc');
    await userEvent.type(screen.getByLabelText('Issuer URL'), 'https://idp.example.test/realms/none');
    await userEvent.type(screen.getByLabelText('Client ID'), 'mosaic');
    await userEvent.type(screen.getByLabelText('Client secret'), 's3cret');
    await userEvent.type(screen.getByLabelText('Admin values'), 'mosaic-admins,\nplatform');
    await userEvent.type(screen.getByLabelText('Auditor values'), 'auditors');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('cannot reach the issuer’s discovery document')).toBeInTheDocument();
    expect(screen.getByLabelText('Issuer URL')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Client ID')).not.toHaveAttribute('aria-invalid');
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toEqual({
      issuerUrl: 'https://idp.example.test/realms/none', clientId: 'mosaic', clientSecret: 's3cret',
      scopes: ['openid', 'profile', 'email'], roleClaim: 'groups', adminValues: ['mosaic-admins', 'platform'], auditorValues: ['auditors'],
    });
    expect(saved).not.toHaveBeenCalled();
  });

  it('keeps the stored secret when the field is left blank, and says what discovery found', async () => {
    const calls = mockApi((c) => (c.url === '/api/settings/oidc' && c.method === 'PUT' ? { body: { issuerUrl: CONFIGURED.issuerUrl, verified: false } } : undefined));
    const saved = vi.fn();
    render(<OidcForm method="PUT" endpoint="/api/settings/oidc" settings={CONFIGURED} onSaved={saved} />);
    expect(screen.getByLabelText('Client secret')).toHaveValue('');
    expect(screen.getByText(/A secret is stored\. Leave empty to keep it/)).toBeInTheDocument();
    expect(screen.getByLabelText('Admin values')).toHaveValue('mosaic-admins');
    await userEvent.clear(screen.getByLabelText('Client ID'));
    await userEvent.type(screen.getByLabelText('Client ID'), 'mosaic-2');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText(/Discovery document found at/)).toHaveTextContent('https://idp.example.test/realms/main/.well-known/openid-configuration');
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.body).not.toHaveProperty('clientSecret');
    expect(put.body).toMatchObject({ clientId: 'mosaic-2', auditorValues: ['auditors', 'compliance'] });
    expect(saved).toHaveBeenCalled();
  });

  it('requires a secret when none is stored, before sending anything', async () => {
    const calls = mockApi(() => undefined);
    render(<OidcForm method="POST" endpoint="/api/onboarding/oidc" settings={null} onSaved={() => undefined} />);
    await userEvent.type(screen.getByLabelText('Issuer URL'), 'not a url');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByLabelText('Issuer URL')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Client secret')).toHaveAttribute('aria-invalid', 'true');
    expect(calls).toHaveLength(0);
  });

  it('is read-only for an auditor: every field disabled, no save, test or remove', async () => {
    mockApi((c) => (c.url === '/api/settings/oidc' ? { body: { ...CONFIGURED, verified: true } } : undefined));
    render(<OidcSettingsCard admin={false} />);
    expect(await screen.findByText(/Read-only/)).toBeInTheDocument();
    expect(screen.getByText(/Verified: an admin signed in through SSO since the last change/)).toBeInTheDocument();
    expect(screen.getByLabelText('Issuer URL')).toBeDisabled();
    expect(screen.getByLabelText('Admin values')).toBeDisabled();
    expect(screen.queryByRole('button', { name: /save/i })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Test sign-in' })).toBeNull();
    expect(screen.queryByRole('button', { name: /remove/i })).toBeNull();
  });

  it('warns an admin that the settings are not verified and offers the test sign-in and removal', async () => {
    mockApi((c) => (c.url === '/api/settings/oidc' ? { body: CONFIGURED } : undefined));
    render(<OidcSettingsCard admin />);
    expect(await screen.findByText('Not verified yet.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Test sign-in' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Remove single sign-on' })).toBeEnabled();
    expect(screen.getByLabelText('Issuer URL')).toHaveValue(CONFIGURED.issuerUrl);
  });

  it('in the wizard, shows what was found after saving and then continues', async () => {
    let configured = false;
    mockApi((c) => {
      if (c.url === '/api/settings/oidc') return { body: configured ? CONFIGURED : EMPTY };
      if (c.url === '/api/onboarding/oidc') { configured = true; return { status: 201, body: {} }; }
      return undefined;
    });
    const next = vi.fn();
    render(<OidcStep onNext={next} />);
    await userEvent.type(await screen.findByLabelText('Issuer URL'), 'https://idp.example.test/realms/main');
    await userEvent.type(screen.getByLabelText('Client ID'), 'mosaic');
    await userEvent.type(screen.getByLabelText('Client secret'), 's3cret');
    expect(screen.getByRole('button', { name: 'Skip for now' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Discovery document found at/)).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    expect(next).toHaveBeenCalled();
  });
});

describe('the sign-in page', () => {
  const providers = (oidcConfigured: boolean, oidcVerified: boolean) => mockApi((c) => (c.url === '/api/auth/providers'
    ? { body: { breakglass: true, oidcConfigured, oidcVerified, oidcLoginUrl: '/oauth2/authorization/oidc' } } : undefined));

  it('offers only the breakglass form while SSO is not configured', async () => {
    providers(false, false);
    render(<SignIn onSignedIn={() => undefined} />);
    expect(await screen.findByLabelText('Username')).toBeVisible();
    expect(screen.queryByRole('link', { name: 'Sign in with SSO' })).toBeNull();
  });

  it('keeps the breakglass form first and warns while SSO is not verified', async () => {
    providers(true, false);
    render(<SignIn onSignedIn={() => undefined} />);
    const username = await screen.findByLabelText('Username');
    expect(username).toBeVisible();
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveClass('primary');
    expect(screen.getByText(/configured but not verified yet/)).toBeInTheDocument();
    const sso = screen.getByRole('link', { name: 'Sign in with SSO' });
    expect(sso).toHaveAttribute('href', '/oauth2/authorization/oidc');
    expect(sso).not.toHaveClass('primary');
    // the form comes before the SSO button
    expect(username.compareDocumentPosition(sso) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('makes SSO the main button once verified, with breakglass one disclosure away', async () => {
    providers(true, true);
    const signedIn = vi.fn();
    const calls = mockApi((c) => {
      if (c.url === '/api/auth/providers') return { body: { breakglass: true, oidcConfigured: true, oidcVerified: true, oidcLoginUrl: '/oauth2/authorization/oidc' } };
      if (c.url === '/api/auth/login') return { body: { username: 'admin', displayName: 'admin', roles: ['ADMIN'], authMethod: 'breakglass' } };
      return undefined;
    });
    render(<SignIn onSignedIn={signedIn} />);
    const sso = await screen.findByRole('link', { name: 'Sign in with SSO' });
    expect(sso).toHaveClass('primary');
    expect(sso).toHaveAttribute('href', '/oauth2/authorization/oidc');
    expect(screen.queryByText(/not verified yet/)).toBeNull();
    expect(screen.getByLabelText('Username')).not.toBeVisible();
    await userEvent.click(screen.getByText('Sign in with the breakglass account'));
    expect(screen.getByLabelText('Username')).toBeVisible();
    await userEvent.type(screen.getByLabelText('Username'), 'admin');
    await userEvent.type(screen.getByLabelText('Password'), 'admin-password-for-tests');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(signedIn).toHaveBeenCalled());
    expect(calls.find((c) => c.url === '/api/auth/login')?.body).toEqual({ username: 'admin', password: 'admin-password-for-tests' });
  });

  it('says that SSO failed when the server sent the browser back with error=sso, and opens the breakglass form', async () => {
    window.history.replaceState(null, '', '/signin?error=sso');
    providers(true, true);
    render(<SignIn onSignedIn={() => undefined} />);
    expect(await screen.findByText(/Single sign-on did not complete/)).toBeInTheDocument();
    expect(screen.getByLabelText('Username')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Sign in with SSO' })).toBeInTheDocument();
  });
});
