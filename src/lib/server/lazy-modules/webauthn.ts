// Entry of the passkey server stack as one separately loaded module: @simplewebauthn/server with its
// certificate libraries (asn1js, @peculiar/*, tsyringe, reflect-metadata).
export * from '@simplewebauthn/server';
