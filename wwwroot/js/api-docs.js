// Starts Scalar's bundle on /api-docs from a file: the CSP runs only this origin's files, never an inline script.
window.Scalar.createApiReference('#app', {
    sources: [{ title: 'v1', url: '/openapi/v1.json' }],
    withDefaultFonts: false,
    telemetry: false,
    showDeveloperTools: 'never',
    agent: { disabled: true },
    mcp: { disabled: true },
});
