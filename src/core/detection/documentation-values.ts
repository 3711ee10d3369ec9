/**
 * Values vendors publish in their documentation, as SHA-256 digests so that no token-shaped text
 * sits in this source: AWS's example access key pair (IAM user guide), the sample browser API keys
 * Google and Firebase print in their quick starts and that are embedded in countless public pages,
 * and NuGet's sample `ClearTextPassword` values (nuget.config reference). Each is public: flagging
 * one only teaches people to ignore findings. Each digest sits under its value's
 * length: a value of another length is never hashed (placeholders.ts isDocumentationValue).
 */
export const DOCUMENTATION_DIGESTS: ReadonlyMap<number, ReadonlySet<string>> = new Map([
  // a NuGet sample password
  [11, new Set([
    'dba72c00f41f4e4c435e2491a5e1ce0140c7b5a6a498dc4847396b5e6368970c',
  ])],
  // a NuGet sample password
  [14, new Set([
    'a0702bc91d699f600970f4dc4992b13ede1a29d49fa0942dd4bed2b5e4b1016e',
  ])],
  // AWS's example access key id
  [20, new Set([
    '1a5d44a2dca19669d72edf4c4f1c27c4c1ca4b4408fbb17f6ce4ad452d78ddb3',
  ])],
  // Google's and Firebase's sample browser keys
  [39, new Set([
    'f56e323494a6ffc2064e7a955908957d84f0755e5f975dabd64328d0359a8f7c',
    '2037abcaffb2b77785da716cf7ccff4ff4d00c4ea930db0167b7d71f50af7eb4',
    '3f370c9dd8225c63b5c77de1f785edc9712958f18bb612d5fa2e0ae33aeca682',
    'e4a5542bb7fd7b67e943c71ad29c34b5972c9840597e7eda53e666f44d5da0b9',
    'a19f89ab3555eac10c40741f6df79ecf0935998f15569f8db9d67bce0181fff6',
    '0b476bdf9acf2123d547b5ae76f1e59884d8ec9553ee0c47e9f31fd4768f3f3c',
    'eb540d2b6ee2a0a47c5779bc8a0141784c6b753840d4c6f4e2428a6e86e9e0b1',
    '37f8f09bdf12c2f2eae4ead7273a62ddb0c23459cbf902892f282b57f7ed6619',
    '8731261cb72d86267a32a532ebd3df429e2144e5e4ced7e13568bc9e6c8fb1b1',
    '49f777db995e8260da7ca9ffdf0c08d66f0453e97ec967018baf2cdfe3b582d0',
    '27a9a42931dff7eb2f8434e20a9bce976ea364e7bee49187f19d5cfeca9c7045',
    'dc0fcf046c61640cbd1e8b999ada3262d722c2ca4bf42dceac999020ffdbb614',
    '4c98242dcadc8b29005c6b4aad526552d5ea1842149154c0694adeec75847583',
    'ea9bb1082cf95663f5faca23b8b15ef2aa0fce0a5c6df9c32dcb85b2e0a4513d',
    '3a8b61d0f636b007840c0d40ba12bcf48465dc054cdc1a68704a33521d84b665',
    'a6c814bc555ae62c7bd8b58ec07bf559c7ed3a009976a1e0acc9cef0d4473b41',
  ])],
  // AWS's example secret access key
  [40, new Set([
    '78314b11be2e581549ac1c4f616563fad3fdf0c3b71678f6e2299182080e0598',
  ])],
]);
