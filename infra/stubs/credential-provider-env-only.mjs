// Stand-in for @aws-sdk/credential-provider-node in the Lambda bundle. Lambda
// always hands a function its role's credentials in environment variables, and
// the default chain tries those first, so on Lambda it never gets further; the
// rest of the chain (SSO, INI files, STS web identity, IMDS, with their nested
// clients) is code every cold start would compile for nothing. Without
// environment credentials this fails as the chain's first step does.
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init) => fromEnv(init);
