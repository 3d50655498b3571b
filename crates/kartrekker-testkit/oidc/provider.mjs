// A real OpenID Connect provider on loopback for Kartrekker's SSO tests
// (oidc-provider, the certified Node.js implementation). One process per test:
//
//   node provider.mjs --redirect-uri URI [--id-token-ttl SECONDS] [--audience AUD]
//
// It listens on a free port of 127.0.0.1 and prints one line, its issuer URL.
// Client "kartrekker" (secret "kartrekker-secret") and "other-app" (secret
// "other-secret"), both with the one redirect URI; PKCE (S256) is required.
// Whoever the authorization request names with `login_hint` (an e-mail
// address) is logged in at once; without it (a browser) a one-field sign-in
// page asks for the address. The claims:
// email (that address), email_verified and name (the address's local part,
// capitalised). `--audience AUD` makes a misconfigured provider: the ID
// tokens it issues are signed (with its own key) for AUD instead of the client.
import { createServer } from 'node:http';
import { generateKeyPairSync, sign } from 'node:crypto';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    'redirect-uri': { type: 'string' },
    'id-token-ttl': { type: 'string', default: '300' },
    audience: { type: 'string' },
  },
});
if (!args['redirect-uri']) {
  console.error('usage: node provider.mjs --redirect-uri URI [--id-token-ttl SECONDS] [--audience AUD]');
  process.exit(2);
}

// A fresh signing key per process: the client must fetch it from the JWKS.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
const SCOPES = 'openid email profile';

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const client = (id, secret) => ({
  client_id: id,
  client_secret: secret,
  redirect_uris: [args['redirect-uri']],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
});

const provider = new Provider(issuer, {
  clients: [client('kartrekker', 'kartrekker-secret'), client('other-app', 'other-secret')],
  jwks: { keys: [jwk] },
  cookies: { keys: ['kartrekker-test-provider'] },
  pkce: { required: () => true },
  // Like Entra ID and Keycloak: the claims of the scopes asked for are in the ID token.
  conformIdTokenClaims: false,
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  ttl: {
    IdToken: Number(args['id-token-ttl']),
    AccessToken: 300,
    AuthorizationCode: 60,
    Interaction: 300,
    Session: 600,
    Grant: 600,
  },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const local = id.split('@')[0];
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, name: local.charAt(0).toUpperCase() + local.slice(1) };
      },
    };
  },
  // A first-party client: no consent screen, every scope granted.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(SCOPES);
    await grant.save();
    return grant;
  },
});

if (args.audience) {
  // Re-signs each ID token from the token endpoint for another audience.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && ctx.status === 200 && ctx.body?.id_token) {
      const [header, payload] = ctx.body.id_token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url'));
      claims.aud = args.audience;
      const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      ctx.body = { ...ctx.body, id_token: `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}` };
    }
  });
}

const callback = provider.callback();
server.on('request', async (req, res) => {
  if (!req.url.startsWith('/interaction/')) {
    callback(req, res);
    return;
  }
  try {
    const details = await provider.interactionDetails(req, res);
    let accountId = details.params.login_hint;
    if (!accountId && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      accountId = new URLSearchParams(body).get('email');
    }
    if (!accountId) {
      // A browser without login_hint: the provider's own sign-in page, an address only.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        '<!doctype html><html lang="en"><head><title>Test provider</title>' +
          '<meta name="viewport" content="width=device-width"></head><body><main><h1>Test provider</h1>' +
          `<form method="post" action="${req.url}"><label for="email">E-mail</label> ` +
          '<input id="email" name="email" type="email"> <button type="submit">Sign in</button></form></main></body></html>',
      );
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
  }
});

console.log(issuer);
