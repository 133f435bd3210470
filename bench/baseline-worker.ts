// The bare baseline: the least a Worker can do. Every figure in the report is a ratio against it.
export default {
  fetch(): Response {
    return new Response('ok');
  }
};
