import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { IssuedToken, OnboardingStatus } from '../api';
import { AdminStep } from './AdminStep';
import { AgentsStep } from './AgentsStep';
import { OidcStep } from './OidcStep';
import { ProvidersStep } from './ProvidersStep';
import { STEPS, STEP_TITLES, forgetStep, rememberStep, rememberedStep, resumeStep, type Step } from './steps';
import { SummaryStep } from './SummaryStep';

/** The first-boot wizard; the step lives in the URL (/setup/<step>) so Back and refresh work. */
export function Wizard({ status, asked, refresh, onFinished }: {
  status: OnboardingStatus;
  /** The step the URL asks for (what follows /setup/), if any. */
  asked: string | null;
  refresh: () => Promise<void>;
  onFinished: () => void;
}) {
  const navigate = useNavigate();
  const step = resumeStep(status, asked, asked ? null : rememberedStep());
  const [tokens, setTokens] = useState<IssuedToken[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (asked !== step) void navigate(`/setup/${step}`, { replace: true });
    rememberStep(step);
  }, [asked, step, navigate]);
  useEffect(() => { heading.current?.focus(); }, [step]);

  const go = (s: Step) => void navigate(`/setup/${s}`);
  const index = STEPS.indexOf(step);
  return (
    <div className="wizard">
      <nav aria-label="Setup progress">
        <ol className="steps">
          {STEPS.map((s, i) => (
            <li key={s} aria-current={s === step ? 'step' : undefined} className={i < index ? 'done' : s === step ? 'current' : ''}>
              <span className="step-number" aria-hidden="true">{i < index ? '✓' : i + 1}</span>
              <span className="step-title">{STEP_TITLES[s]}</span>
            </li>
          ))}
        </ol>
      </nav>
      <section className="panel" aria-labelledby="step-heading">
        <h2 id="step-heading" ref={heading} tabIndex={-1}>Step {index + 1} of {STEPS.length}: {STEP_TITLES[step]}</h2>
        {step === 'admin' && <AdminStep onCreated={async () => { await refresh(); go('oidc'); }} />}
        {step === 'oidc' && <OidcStep onNext={() => go('providers')} />}
        {step === 'providers' && <ProvidersStep onBack={() => go('oidc')} onNext={async () => { await refresh(); go('agents'); }} onChanged={() => void refresh()} />}
        {step === 'agents' && (
          <AgentsStep tokens={tokens} onToken={(t) => setTokens((all) => [...all.filter((x) => x.name !== t.name), t])}
            onBack={() => go('providers')} onNext={async () => { await refresh(); go('summary'); }} onChanged={() => void refresh()} />
        )}
        {step === 'summary' && <SummaryStep onBack={() => go('agents')} onFinished={() => { forgetStep(); onFinished(); }} />}
      </section>
    </div>
  );
}
