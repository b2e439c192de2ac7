// Drives the unmodified ccxt client against Gatehouse's KuCoin listeners. Called by KucoinCcxtTests with one
// JSON argument: {spot, futures, apiKey, secret, password, timeDifference?, resync?, steps: [...]}. Each step is
// [client, method, ...args] with client "spot" (ccxt.kucoin) or "futures" (ccxt.kucoinfutures); each result
// (or the exception's class and message) is printed as one JSON line.
import ccxt from 'ccxt';

const config = JSON.parse(process.argv[2]);
const urls = {
  api: {
    public: config.spot, private: config.spot, earn: config.spot, uta: config.spot, utaV2: config.spot,
    utaPrivate: config.spot, broker: config.spot, webExchange: config.spot,
    futuresPublic: config.futures, futuresPrivate: config.futures,
  },
};
const credentials = { apiKey: config.apiKey, secret: config.secret, password: config.password, urls };
// Only the URLs and the credentials: the client as a user would configure it. The test's server clock may be
// moved by other tests; then, and only then, the difference is given as ccxt's own timeDifference.
const options = config.timeDifference ? { options: { timeDifference: config.timeDifference } } : {};
const clients = {
  spot: new ccxt.kucoin({ ...credentials, ...options }),
  futures: new ccxt.kucoinfutures({ ...credentials, ...options }),
};
for (const [client, method, ...args] of config.steps) {
  try {
    if (config.resync) {
      // The test's server clock stands still while real time runs: ask it again, as ccxt's
      // adjustForTimeDifference would, so a slow machine does not drift out of the 5-second window.
      await clients[client].loadTimeDifference();
    }
    const result = await clients[client][method](...args);
    console.log(JSON.stringify({ step: method, ok: true, result: strip(result) }));
  } catch (e) {
    console.log(JSON.stringify({ step: method, ok: false, error: e.constructor.name, message: String(e.message) }));
  }
}

function strip(value) {
  if (value && typeof value === 'object') {
    const out = Array.isArray(value) ? [] : {};
    for (const [k, v] of Object.entries(value)) {
      if (k !== 'info') {
        out[k] = strip(v);
      }
    }
    return out;
  }
  return value;
}
