// A zombienet js-script: the number of para `args[0]`'s head on the relay chain. The example
// para's head is SCALE `{ number: u64, parent_hash, post_state }`, not a Substrate header, so
// zombienet's own "parachain N block height" (which decodes heads as headers) would misread it.
async function run(nodeName, networkInfo, args) {
  const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
  const api = await zombie.connect(wsUri, userDefinedTypes);
  const head = await api.query.paras.heads(Number(args[0]));
  if (head.isNone) return 0;
  const bytes = head.unwrap().toU8a(true);
  let number = 0n;
  for (let i = 7; i >= 0; i--) number = (number << 8n) | BigInt(bytes[i]);
  return Number(number);
}

module.exports = { run };
