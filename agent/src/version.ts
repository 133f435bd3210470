// The agent's version: reported to the portal ("Agent version") and stamped into the build manifest.
export const AGENT_VERSION = '1.0.0';
