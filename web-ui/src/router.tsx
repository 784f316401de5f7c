// The app's pages by URL (React Router, data mode). The server answers index.html for every GET outside /api,
// so each of these addresses can be opened, reloaded and shared.

import { useQueryClient } from '@tanstack/react-query';
import { Link, createBrowserRouter, useNavigate, useParams, type RouteObject } from 'react-router';
import { AgentDetail, AgentsPage } from './settings/AgentsPage';
import { AuditPage } from './settings/AuditPage';
import { ProviderDetail, ProvidersPage } from './settings/ProvidersPage';
import { RolloutPolicyPage } from './settings/RolloutPolicyPage';
import { ApiTokensPage } from './settings/ApiTokensPage';
import { FleetFilePage } from './settings/FleetFilePage';
import { ChangePolicyPage } from './settings/ChangePolicyPage';
import { ChangeRequestsPage } from './changerequests/ChangeRequestsPage';
import { ChangeRequestPage } from './changerequests/ChangeRequestPage';
import { SecurityPage } from './settings/SecurityPage';
import { RolloutDetail, RolloutsPage } from './rollouts/RolloutsPage';
import { Frame, Loading, Root, RouteError } from './Shell';
import { SignIn } from './SignIn';
import { home, isAdmin, signedIn, useMe, useRefreshSession, useSession } from './session';
import { Wizard } from './wizard/Wizard';

const useAdmin = () => isAdmin(useMe());

function SignInRoute() {
  const client = useQueryClient();
  const { status } = useSession();
  const refresh = useRefreshSession();
  const navigate = useNavigate();
  return (
    <SignIn onSignedIn={(me) => {
      signedIn(client, me);
      void refresh();
      void navigate(status.completed ? home(me) : '/setup', { replace: true });
    }} />
  );
}

function SetupRoute() {
  const { status } = useSession();
  const refresh = useRefreshSession();
  const navigate = useNavigate();
  const asked = useParams()['*'] || null;
  return (
    <>
      <h1 className="wizard-title">Set up Mosaic</h1>
      <Wizard status={status} asked={asked} refresh={refresh}
        onFinished={async () => { await refresh(); void navigate('/settings/agents', { replace: true }); }} />
    </>
  );
}

function AgentsRoute() {
  return <AgentsPage admin={useAdmin()} />;
}

function AgentDetailRoute() {
  const { name = '' } = useParams();
  const admin = useAdmin();
  return <AgentDetail key={name} name={name} admin={admin} />;
}

function ProvidersRoute() {
  return <ProvidersPage admin={useAdmin()} />;
}

function ProviderDetailRoute() {
  const { id = '' } = useParams();
  const admin = useAdmin();
  return <ProviderDetail key={id} id={id} admin={admin} />;
}

function AuditRoute() {
  return <AuditPage admin={useAdmin()} />;
}

function SecurityRoute() {
  return <SecurityPage me={useMe()} />;
}

function RolloutPolicyRoute() {
  return <RolloutPolicyPage admin={useAdmin()} />;
}

function ApiTokensRoute() {
  return <ApiTokensPage me={useMe()} />;
}

function FleetFileRoute() {
  return <FleetFilePage admin={useAdmin()} />;
}

function ChangePolicyRoute() {
  return <ChangePolicyPage admin={useAdmin()} />;
}

function ChangeRequestsRoute() {
  return <ChangeRequestsPage admin={useAdmin()} />;
}

function ChangeRequestRoute() {
  const { id = '' } = useParams();
  const admin = useAdmin();
  return <ChangeRequestPage key={id} id={id} admin={admin} />;
}

function RolloutsRoute() {
  return <RolloutsPage admin={useAdmin()} />;
}

function RolloutDetailRoute() {
  const { id = '' } = useParams();
  const admin = useAdmin();
  return <RolloutDetail key={id} id={id} admin={admin} />;
}

function NotFound() {
  return <p>Nothing is here. <Link to="/settings/agents">Go to agents</Link></p>;
}

export const routes: RouteObject[] = [{
  element: <Root />,
  errorElement: <RouteError />,
  // opening the app at a page whose code loads on demand (the chat)
  hydrateFallbackElement: <Loading />,
  children: [
    { path: 'signin', element: <SignInRoute /> },
    {
      element: <Frame />,
      children: [
        // the step is in the URL (/setup/<step>) so Back and reload work; the wizard corrects an unknown one
        { path: 'setup/*', element: <SetupRoute /> },
        {
          // /chat: a new chat; /chat/<id>: one of the person's conversations (reload keeps it)
          path: 'chat/:conversationId?',
          // the chat's code (with its Markdown renderer, a quarter of the app) loads when the chat is first opened
          lazy: async () => {
            const { ChatPage } = await import('./chat/ChatPage');
            return { Component: () => <ChatPage admin={useAdmin()} /> };
          },
        },
        {
          path: 'settings',
          children: [
            { path: 'agents', element: <AgentsRoute /> },
            { path: 'agents/:name', element: <AgentDetailRoute /> },
            { path: 'providers', element: <ProvidersRoute /> },
            { path: 'providers/:id', element: <ProviderDetailRoute /> },
            { path: 'audit', element: <AuditRoute /> },
            { path: 'security', element: <SecurityRoute /> },
            { path: 'rollout', element: <RolloutPolicyRoute /> },
            { path: 'tokens', element: <ApiTokensRoute /> },
            { path: 'fleet-file', element: <FleetFileRoute /> },
            { path: 'change-policy', element: <ChangePolicyRoute /> },
            { index: true, element: <NotFound /> },
            { path: '*', element: <NotFound /> },
          ],
        },
        { path: 'rollouts', element: <RolloutsRoute /> },
        { path: 'rollouts/:id', element: <RolloutDetailRoute /> },
        { path: 'change-requests', element: <ChangeRequestsRoute /> },
        { path: 'change-requests/:id', element: <ChangeRequestRoute /> },
        // any other address: Root sends the visitor to their home page first
        { path: '*', element: <NotFound /> },
      ],
    },
  ],
}];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
