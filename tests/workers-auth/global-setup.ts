import type { TestProject } from "vitest/node";
import { startOAuthProvider } from "../helpers/oauth-provider.js";

declare module "vitest" {
  export interface ProvidedContext {
    oauthUrl: string;
  }
}

/** The loopback OAuth/OIDC provider the auth tests sign in with. */
export default async function setup(project: TestProject) {
  const provider = await startOAuthProvider();
  project.provide("oauthUrl", provider.url);
  return () => provider.close();
}
