/**
 * The portal's workbench (社区工作台): community staff match needs with
 * offers in `<rl-matcher>` and follow every claim to a finished project in
 * `<rl-claim-tracker>`.
 *
 * Who is acting decides what each component offers. On the embedded default
 * (the street's data in this browser) the page lets you switch between
 * community staff, an organization and a resident, and the local adapter acts
 * as that person. Served by the reference server, people sign in instead and
 * the server's session decides; residents follow their needs through the
 * link on their receipt, not here.
 */
import { createRestAdapter, toAdapterError, type Actor, type ClaimRequest, type Locale, type Organization } from '@renling/core';
import type { RlClaimTracker, RlMatcher, RlProvider } from '@renling/elements';


type Role = 'staff' | 'organization' | 'resident';

interface Text {
  title: string;
  intro: string;
  actAs: string;
  roles: Record<Role, (org: string) => string>;
  roleHelp: Record<Role, string>;
  claims: string;
  signIn: string;
  signInHelp: string;
  username: string;
  password: string;
  submit: string;
  signOut: string;
  signedInAs: (name: string) => string;
  signInFailed: string;
  focused: string;
  showAll: string;
  booked: (title: string) => string;
  bookingFailed: (reason: string) => string;
}

const TEXT: Record<Locale, Text> = {
  'zh-CN': {
    title: '社区工作台 · 供需对接与认领跟踪',
    intro: '社区工作人员在这里把居民需求和机构服务对接起来，并跟踪每一次认领，直到形成服务项目。',
    actAs: '演示身份',
    roles: {
      staff: () => '社区工作人员',
      organization: (org) => `社会组织：${org}`,
      resident: () => '居民（本机提交的需求）',
    },
    roleHelp: {
      staff: '可以对接、确认认领、登记完成情况，并把认领组建为服务项目。',
      organization: '可以认领需求、开始和完成服务；认领被接受后才能看到居民的联系方式。',
      resident: '可以查看自己需求的进度，服务完成后评价满意度。',
    },
    claims: '认领跟踪',
    signIn: '工作人员登录',
    signInHelp: '演示账号见服务器目录中的 .renling-data/demo-accounts.txt。',
    username: '用户名',
    password: '密码',
    submit: '登录',
    signOut: '退出登录',
    signedInAs: (name) => `已登录：${name}`,
    signInFailed: '用户名或密码不对，请再试一次。',
    focused: '刚刚处理的认领',
    showAll: '查看全部认领',
    booked: (title) => `已收到对「${title}」的预约申请，可以在“认领跟踪”里查看进度。`,
    bookingFailed: (reason) => `预约没有成功：${reason}`,
  },
  'zh-TW': {
    title: '社區工作台 · 供需媒合與認領追蹤',
    intro: '社區工作人員在這裡把居民需求和機構服務媒合起來，並追蹤每一次認領，直到形成服務項目。',
    actAs: '示範身分',
    roles: {
      staff: () => '社區工作人員',
      organization: (org) => `社會組織：${org}`,
      resident: () => '居民（本機提交的需求）',
    },
    roleHelp: {
      staff: '可以媒合、確認認領、登記完成情況，並把認領組建為服務項目。',
      organization: '可以認領需求、開始和完成服務；認領被接受後才能看到居民的聯絡方式。',
      resident: '可以查看自己需求的進度，服務完成後評價滿意度。',
    },
    claims: '認領追蹤',
    signIn: '工作人員登入',
    signInHelp: '示範帳號見伺服器目錄中的 .renling-data/demo-accounts.txt。',
    username: '使用者名稱',
    password: '密碼',
    submit: '登入',
    signOut: '登出',
    signedInAs: (name) => `已登入：${name}`,
    signInFailed: '使用者名稱或密碼不對，請再試一次。',
    focused: '剛剛處理的認領',
    showAll: '查看全部認領',
    booked: (title) => `已收到對「${title}」的預約申請，可以在「認領追蹤」裡查看進度。`,
    bookingFailed: (reason) => `預約沒有成功：${reason}`,
  },
  en: {
    title: 'Community workbench: matching and claims',
    intro: 'Community staff match residents’ needs with organizations’ services here and follow every claim until it becomes a service project.',
    actAs: 'Demo: acting as',
    roles: {
      staff: () => 'Community staff',
      organization: (org) => `Organization: ${org}`,
      resident: () => 'Resident (needs sent from this browser)',
    },
    roleHelp: {
      staff: 'Match, accept claims, record completion and group claims into service projects.',
      organization: 'Claim needs, start and complete services; a resident’s contact is shown only once the claim is accepted.',
      resident: 'Follow your needs and rate the service once it is done.',
    },
    claims: 'Claims',
    signIn: 'Staff sign-in',
    signInHelp: 'Demo accounts are in .renling-data/demo-accounts.txt beside the server.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    signOut: 'Sign out',
    signedInAs: (name) => `Signed in: ${name}`,
    signInFailed: 'Wrong username or password. Please try again.',
    focused: 'The claim just made',
    showAll: 'Show all claims',
    booked: (title) => `We have the booking request for “${title}”; follow it under Claims.`,
    bookingFailed: (reason) => `The booking did not go through: ${reason}`,
  },
};

const STYLE = `
  #workbench .wb-intro { color: var(--page-muted, inherit); margin: -0.5rem 0 1rem; max-width: 48rem; }
  #workbench .wb-bar { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: end; margin: 0 0 1rem; }
  #workbench .wb-bar label { display: grid; gap: 0.25rem; font-weight: 600; min-width: 0; max-width: 100%; }
  /* a long organization name in an option must not widen the page on a phone */
  #workbench .wb-bar select, #workbench .wb-bar input { font: inherit; min-height: 2.5rem; padding: 0 0.5rem; width: 100%; min-width: 0; }
  #workbench .wb-bar button { font: inherit; min-height: 2.5rem; padding: 0 1rem; }
  #workbench .wb-help { margin: 0 0 1rem; color: var(--page-muted, inherit); }
  #workbench .wb-error { color: var(--page-accent); font-weight: 600; }
  #workbench h3 { font-size: 1.1rem; margin: 1.5rem 0 0.75rem; }
  #workbench > button { font: inherit; min-height: 2.5rem; padding: 0 1rem; margin: 0 0 0.75rem; border-radius: 6px;
    border: 1px solid currentColor; background: var(--page-card, #fff); color: inherit; cursor: pointer; }
`;

const localeOf = (lang: string): Locale => (lang.startsWith('en') ? 'en' : /^zh-(?:tw|hk|mo|hant)/iu.test(lang) ? 'zh-TW' : 'zh-CN');

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

export interface WorkbenchOptions {
  provider: RlProvider;
  /** The organization the demo acts for when "organization" is chosen. */
  organization: Organization | undefined;
  /** The street the desk works on. */
  areaCode: string | undefined;
}

export interface Workbench {
  matcher: RlMatcher;
  tracker: RlClaimTracker;
  /** The embedded default: switch who acts. */
  useLocalRoles(): void;
  /** Served by the reference server: sign in through its API. */
  useServer(apiBase: string): void;
  /** A "book this service" press anywhere on the page: booked as the person acting, then followed in the tracker. */
  book(request: ClaimRequest, title: string): Promise<string>;
}

/** Fills `section` (an empty `<section id="workbench">`) with the matcher and the claim tracker. */
export function mountWorkbench(section: HTMLElement, options: WorkbenchOptions): Workbench {
  const { provider, organization } = options;
  const orgName = organization?.name ?? '';
  const style = element('style');
  style.textContent = STYLE;
  const title = element('h2', { id: 'workbench-title' });
  const intro = element('p', { class: 'wb-intro' });
  const bar = element('div', { class: 'wb-bar' });
  const help = element('p', { class: 'wb-help', role: 'status' });
  const matcher = element('rl-matcher', { 'heading-level': '3', 'url-prefix': 'wb-' });
  if (options.areaCode) matcher.setAttribute('area', options.areaCode);
  const claimsTitle = element('h3', { id: 'workbench-claims' });
  const showAll = element('button', { type: 'button', hidden: '' });
  const tracker = element('rl-claim-tracker', { 'heading-level': '4', limit: '10' });
  section.setAttribute('aria-labelledby', 'workbench-title');
  section.replaceChildren(style, title, intro, bar, help, matcher, claimsTitle, showAll, tracker);

  let role: Role = 'staff';
  let mode: 'local' | 'server' | null = null;
  /** Needs this browser sent, so "resident" sees their own. */
  const myNeeds: string[] = [];
  /** The claim this page just made or booked, shown alone until "show all" is pressed. */
  let focusedClaim: string | null = null;
  const text = (): Text => TEXT[localeOf(document.documentElement.lang)];

  // -- the embedded default: choose who acts -------------------------------------------

  const roleSelect = element('select', { id: 'wb-role' });
  const roleLabel = element('label', { for: 'wb-role' });
  const roleLabelText = element('span');
  roleLabel.append(roleLabelText, roleSelect);

  const actorFor = (r: Role): Actor =>
    r === 'organization' && organization
      ? { role: 'organization', id: organization.id, name: organization.name }
      : r === 'resident'
        ? { role: 'resident', id: 'demo-resident' }
        : { role: 'staff', id: 'demo-staff', name: '李敏' };

  const applyRole = (): void => {
    provider.viewer = actorFor(role);
    matcher.hidden = role === 'resident';
    help.textContent = text().roleHelp[role];
    applyTrackerFilter();
  };

  function applyTrackerFilter(): void {
    for (const name of ['claim-id', 'organization-id', 'need-id']) tracker.removeAttribute(name);
    showAll.hidden = focusedClaim === null;
    claimsTitle.textContent = focusedClaim ? text().focused : text().claims;
    if (focusedClaim) tracker.setAttribute('claim-id', focusedClaim);
    else if (mode === 'local' && role === 'organization' && organization) tracker.setAttribute('organization-id', organization.id);
    // a resident follows the need sent last from this browser
    else if (mode === 'local' && role === 'resident' && myNeeds.length > 0) tracker.setAttribute('need-id', myNeeds[myNeeds.length - 1]!);
    tracker.reload();
  }

  const focusClaim = (id: string | null): void => {
    focusedClaim = id;
    applyTrackerFilter();
  };
  showAll.addEventListener('click', () => focusClaim(null));

  roleSelect.addEventListener('change', () => {
    role = (['staff', 'organization', 'resident'] as const).find((r) => r === roleSelect.value) ?? 'staff';
    applyRole();
  });

  // -- served by the reference server: sign in ---------------------------------------------

  const form = element('form', { 'aria-labelledby': 'wb-signin-title' });
  const formTitle = element('strong', { id: 'wb-signin-title' });
  const userLabel = element('label');
  const userText = element('span');
  const user = element('input', { name: 'username', autocomplete: 'username', required: '' });
  userLabel.append(userText, user);
  const passLabel = element('label');
  const passText = element('span');
  const pass = element('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: '' });
  passLabel.append(passText, pass);
  const submit = element('button', { type: 'submit' });
  const signOut = element('button', { type: 'button' });
  const signedIn = element('span');
  const formError = element('p', { class: 'wb-error', role: 'alert' });
  form.append(formTitle, userLabel, passLabel, submit);
  let session: { token: string; name: string } | null = null;
  let apiBase = '/api';

  const applySession = (): void => {
    form.hidden = session !== null;
    signOut.hidden = signedIn.hidden = session === null;
    signedIn.textContent = session ? text().signedInAs(session.name) : '';
    help.textContent = session ? '' : text().signInHelp;
    // the server decides from the session; read-only until someone signs in
    const token = session?.token;
    provider.adapter = token
      ? createRestAdapter({ baseUrl: apiBase, headers: () => ({ Authorization: `Bearer ${token}` }) })
      : null;
    if (!token) provider.api = apiBase;
    matcher.reload();
    tracker.reload();
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    formError.textContent = '';
    void (async () => {
      try {
        const response = await fetch(`${apiBase}/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ username: user.value.trim(), password: pass.value }),
        });
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as { token: string; account: { name?: string; username: string; role: string; organizationId?: string | null; id: string } };
        const { account } = body;
        session = { token: body.token, name: account.name ?? account.username };
        provider.viewer =
          account.role === 'organization' && account.organizationId
            ? { role: 'organization', id: account.organizationId, name: session.name }
            : { role: account.role === 'admin' ? 'admin' : 'staff', id: account.id, name: session.name };
        pass.value = '';
        applySession();
      } catch {
        formError.textContent = text().signInFailed;
      }
    })();
  });
  signOut.addEventListener('click', () => {
    const token = session?.token;
    session = null;
    provider.viewer = null;
    if (token) void fetch(`${apiBase}/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } }).catch(() => undefined);
    applySession();
  });

  // -- the rest of the page tells the desk what changed -----------------------------------

  provider.addEventListener('rl-need-submitted', (event) => {
    // a queued need has no id yet; it appears once the outbox has sent it and the page reloads
    const id = event.detail.receipt?.need.id;
    if (id) myNeeds.push(id);
    matcher.reload();
    if (role === 'resident') applyRole();
  });
  // the tracker's changes move offers' places and needs' status; the matcher's claims appear in the tracker
  tracker.addEventListener('rl-claim-changed', () => matcher.reload());
  matcher.addEventListener('rl-claim-created', (event) => focusClaim(event.detail.claim.id));

  const render = (): void => {
    const t = text();
    title.textContent = t.title;
    intro.textContent = t.intro;
    claimsTitle.textContent = focusedClaim ? t.focused : t.claims;
    showAll.textContent = t.showAll;
    roleLabelText.textContent = t.actAs;
    const roles: Role[] = organization ? ['staff', 'organization', 'resident'] : ['staff', 'resident'];
    roleSelect.replaceChildren(
      ...roles.map((r) => {
        const option = element('option', { value: r });
        option.textContent = t.roles[r](orgName);
        return option;
      }),
    );
    roleSelect.value = role;
    formTitle.textContent = t.signIn;
    userText.textContent = t.username;
    passText.textContent = t.password;
    submit.textContent = t.submit;
    signOut.textContent = t.signOut;
    if (mode === 'local') help.textContent = t.roleHelp[role];
    if (mode === 'server') applySessionText();
  };
  const applySessionText = (): void => {
    signedIn.textContent = session ? text().signedInAs(session.name) : '';
    help.textContent = session ? '' : text().signInHelp;
  };
  new MutationObserver(render).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  render();

  return {
    matcher,
    tracker,
    useLocalRoles() {
      mode = 'local';
      bar.replaceChildren(roleLabel);
      applyRole();
    },
    async book(request: ClaimRequest, title: string): Promise<string> {
      const adapter = provider.dataAdapter;
      // residents book for themselves; staff and the page's default book for a resident
      const requestedBy = provider.viewer?.role === 'organization' || !provider.viewer ? actorFor('resident') : provider.viewer;
      try {
        if (!adapter) throw new Error('no adapter');
        const claim = await adapter.requestClaim({ ...request, requestedBy }, { idempotencyKey: crypto.randomUUID() });
        focusClaim(claim.id);
        matcher.reload();
        return text().booked(title);
      } catch (error) {
        return text().bookingFailed(toAdapterError(error).userMessage(localeOf(document.documentElement.lang)));
      }
    },
    useServer(base: string) {
      mode = 'server';
      apiBase = base;
      bar.replaceChildren(form, signedIn, signOut, formError);
      applySession();
    },
  };
}
