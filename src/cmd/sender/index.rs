//! The in-memory index a batch decides with: every trusted domain, registered user and account of the
//! store, read once. The trusted-domain table is read in slices on parallel connections and hashed
//! into shards built in parallel, because at a million rows the load is most of a batch's time.

use crate::model::Account;
use crate::policy::domain::{TrustRule, trusted_match};
use crate::policy::security::SecuritySettings;
use crate::policy::sender::{AccountFacts, RegisteredUser, TrustedBy};
use crate::store::{Db, Store};
use anyhow::{Result, anyhow};
use hashbrown::{DefaultHashBuilder, HashMap, HashTable};
use ipnet::IpNet;
use std::hash::BuildHasher;
use std::sync::OnceLock;

/// Slices of the trusted-domain table read in parallel, and shards of its hash table.
const PARTS: usize = 2;

/// A domain name stored inside its hash-table entry when short (nearly always): comparing it then
/// reads memory the lookup has just touched, instead of following a pointer to a cold heap block.
enum Name {
    Inline { len: u8, bytes: [u8; Name::INLINE] },
    Heap(Box<str>),
}

impl Name {
    const INLINE: usize = 46;

    fn new(name: &str) -> Name {
        match u8::try_from(name.len()) {
            Ok(len) if name.len() <= Name::INLINE => {
                let mut bytes = [0; Name::INLINE];
                bytes[..name.len()].copy_from_slice(name.as_bytes());
                Name::Inline { len, bytes }
            }
            _ => Name::Heap(name.into()),
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            Name::Inline { len, bytes } => &bytes[..usize::from(*len)],
            Name::Heap(name) => name.as_bytes(),
        }
    }

    fn as_str(&self) -> &str {
        // Made from a &str above, so always UTF-8.
        std::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }
}

/// A trusted domain and its rule.
struct Rule {
    domain: Name,
    /// While loading, the account number local to the slice; then the index's account number.
    account: u32,
    include_subdomains: bool,
}

impl TrustRule for &Rule {
    fn include_subdomains(&self) -> bool {
        self.include_subdomains
    }
}

struct UserEntry {
    account: u32,
    profile: Option<Box<str>>,
    language: Option<Box<str>>,
    fax_number: Option<Box<str>>,
}

/// What one slice of the trusted-domain table held, already hashed and split by shard.
#[derive(Default)]
struct Slice {
    shards: [Vec<(u64, Rule)>; PARTS],
    /// Slice-local account number → account ID.
    account_ids: Vec<Box<str>>,
    /// (slice-local account number, domain) of domains without an ownership certification.
    uncertified: Vec<(u32, Box<str>)>,
}

/// The accounts with their whitelists and registered users.
struct Accounts {
    accounts: Vec<Account>,
    numbers: HashMap<Box<str>, u32>,
    whitelist: Vec<Vec<IpNet>>,
    users: HashMap<Box<str>, UserEntry>,
}

/// Everything the decisions need, read from the store once.
pub struct Index {
    accounts: Vec<Account>,
    numbers: HashMap<Box<str>, u32>,
    whitelist: Vec<Vec<IpNet>>,
    uncertified: Vec<Vec<String>>,
    /// Built on first use: a batch rarely touches every account.
    facts: Vec<OnceLock<AccountFacts>>,
    users: HashMap<Box<str>, UserEntry>,
    hasher: DefaultHashBuilder,
    shards: Vec<HashTable<Rule>>,
}

/// The shard of a hash: a middle bit, because hashbrown uses the low bits for the bucket and the
/// top seven as a tag, and a shard with either fixed would probe more.
fn shard_of(hash: u64) -> usize {
    (hash >> 32) as usize % PARTS
}

impl Index {
    /// Reads the store on `PARTS + 1` connections made by `open`. Each reads its own snapshot, so a change
    /// committed during the load is seen by some parts only; like running the decisions a moment
    /// apart, never a mix within one row. A rule whose account is not (or no longer) there is ignored.
    pub fn load(open: &(dyn Fn() -> Result<Store> + Sync)) -> Result<Index> {
        let hasher = DefaultHashBuilder::default();
        let first = open()?;
        let end = first.db().trusted_domains_last_rowid()? + 1;
        let bounds: Vec<i64> = (0..=PARTS as i64).map(|part| end * part / PARTS as i64).collect();
        std::thread::scope(|scope| {
            let readers: Vec<_> = bounds
                .windows(2)
                .map(|range| {
                    let (start, stop) = (range[0], range[1]);
                    let hasher = &hasher;
                    scope.spawn(move || read_slice(open, start..stop, hasher))
                })
                .collect();
            let accounts = read_accounts(&first.db())?;
            let mut slices = readers
                .into_iter()
                .map(|reader| reader.join().map_err(|_| anyhow!("a reader thread failed"))?)
                .collect::<Result<Vec<Slice>>>()?;
            let to_index: Vec<Vec<Option<u32>>> = slices
                .iter()
                .map(|slice| {
                    slice
                        .account_ids
                        .iter()
                        .map(|id| accounts.numbers.get(&**id).copied())
                        .collect()
                })
                .collect();
            let mut uncertified = vec![Vec::new(); accounts.accounts.len()];
            for (slice, numbers) in slices.iter().zip(&to_index) {
                for (local, domain) in &slice.uncertified {
                    if let Some(number) = numbers[*local as usize] {
                        uncertified[number as usize].push(domain.to_string());
                    }
                }
            }
            // In the order the single-address path lists them (ORDER BY domain), for identical messages.
            for domains in &mut uncertified {
                domains.sort_unstable();
            }
            let mut parts: Vec<ShardInput> = (0..PARTS).map(|_| Vec::new()).collect();
            for (number, slice) in slices.iter_mut().enumerate() {
                for (shard, rules) in slice.shards.iter_mut().enumerate() {
                    parts[shard].push((number, std::mem::take(rules)));
                }
            }
            let shards = std::thread::scope(|builders| {
                let builders: Vec<_> = parts
                    .into_iter()
                    .map(|part| {
                        let (hasher, to_index) = (&hasher, &to_index);
                        builders.spawn(move || build_shard(part, to_index, hasher))
                    })
                    .collect();
                builders
                    .into_iter()
                    .map(|builder| builder.join().map_err(|_| anyhow!("an index thread failed")))
                    .collect::<Result<Vec<_>>>()
            })?;
            let count = accounts.accounts.len();
            Ok(Index {
                accounts: accounts.accounts,
                numbers: accounts.numbers,
                whitelist: accounts.whitelist,
                uncertified,
                facts: (0..count).map(|_| OnceLock::new()).collect(),
                users: accounts.users,
                hasher,
                shards,
            })
        })
    }

    pub fn account_number(&self, id: &str) -> Result<u32> {
        self.numbers.get(id).copied().ok_or_else(|| {
            anyhow!("unknown account {id:?}\nhint: `xmfax accounts list` shows the accounts in this store")
        })
    }

    fn facts(&self, number: u32) -> &AccountFacts {
        let number = number as usize;
        self.facts[number].get_or_init(|| {
            let account = &self.accounts[number];
            AccountFacts::new(
                account.id.clone(),
                account.profile.clone(),
                account.language.clone(),
                account.fax_number.clone(),
                SecuritySettings {
                    spoofing_protection: account.spoofing_protection,
                    require_tls: account.require_tls,
                    whitelist: self.whitelist[number].clone(),
                },
                &self.uncertified[number],
            )
        })
    }

    pub fn user(&self, key: &str) -> Option<RegisteredUser<'_>> {
        self.users.get(key).map(|user| RegisteredUser {
            account: self.facts(user.account),
            profile: user.profile.as_deref(),
            language: user.language.as_deref(),
            fax_number: user.fax_number.as_deref(),
        })
    }

    fn rule(&self, name: &str) -> Option<&Rule> {
        let hash = self.hasher.hash_one(name);
        self.shards[shard_of(hash)].find(hash, |rule| rule.domain.as_bytes() == name.as_bytes())
    }

    /// The most specific rule covering `ascii`, of one account or of any.
    pub fn trusted_by(&self, ascii: &str, only: Option<u32>) -> Option<TrustedBy<'_>> {
        trusted_match(ascii, |name| {
            self.rule(name)
                .filter(|rule| only.is_none_or(|number| rule.account == number))
        })
        .map(|rule| TrustedBy {
            account: self.facts(rule.account),
            domain: rule.domain.as_str(),
            include_subdomains: rule.include_subdomains,
        })
    }
}

fn read_slice(
    open: &(dyn Fn() -> Result<Store> + Sync),
    rowids: std::ops::Range<i64>,
    hasher: &DefaultHashBuilder,
) -> Result<Slice> {
    let store = open()?;
    let mut slice = Slice::default();
    let expected = usize::try_from(rowids.end - rowids.start).unwrap_or(0) / PARTS + 16;
    for shard in &mut slice.shards {
        shard.reserve(expected);
    }
    let mut local: HashMap<Box<str>, u32> = HashMap::new();
    // An account's domains are usually added together, so rows come in runs of one account.
    let mut last = (String::new(), 0u32);
    store.db().for_each_trusted_domain(rowids, |row| {
        if slice.account_ids.is_empty() || row.account != last.0 {
            last.0.clear();
            last.0.push_str(row.account);
            last.1 = match local.get(row.account) {
                Some(&number) => number,
                None => {
                    let number = slice.account_ids.len() as u32;
                    slice.account_ids.push(row.account.into());
                    local.insert(row.account.into(), number);
                    number
                }
            };
        }
        if !row.certified {
            slice.uncertified.push((last.1, row.domain.into()));
        }
        let hash = hasher.hash_one(row.domain);
        slice.shards[shard_of(hash)].push((
            hash,
            Rule {
                domain: Name::new(row.domain),
                account: last.1,
                include_subdomains: row.include_subdomains,
            },
        ));
    })?;
    Ok(slice)
}

/// A shard's part of each slice: (slice number, its hashed rules for the shard).
type ShardInput = Vec<(usize, Vec<(u64, Rule)>)>;

/// One shard of the hash table, from that shard's part of every slice.
fn build_shard(
    part: ShardInput,
    to_index: &[Vec<Option<u32>>],
    hasher: &DefaultHashBuilder,
) -> HashTable<Rule> {
    let mut table = HashTable::with_capacity(part.iter().map(|(_, rules)| rules.len()).sum());
    for (slice, rules) in part {
        for (hash, mut rule) in rules {
            // Rows always have an account (foreign keys); one without is ignored, never guessed at.
            if let Some(number) = to_index[slice][rule.account as usize] {
                rule.account = number;
                table.insert_unique(hash, rule, |rule| hasher.hash_one(rule.domain.as_str()));
            }
        }
    }
    table
}

fn read_accounts(db: &Db<'_>) -> Result<Accounts> {
    let accounts = db.accounts()?;
    let numbers: HashMap<Box<str>, u32> = accounts
        .iter()
        .zip(0u32..)
        .map(|(account, number)| (account.id.as_str().into(), number))
        .collect();
    let mut whitelist = vec![Vec::new(); accounts.len()];
    for (account, network) in db.all_whitelist_entries()? {
        if let Some(&number) = numbers.get(account.as_str()) {
            let net = network.parse().map_err(|e| {
                anyhow!("the store holds an invalid whitelist entry for {account}: {network:?}: {e}")
            })?;
            whitelist[number as usize].push(net);
        }
    }
    let mut users = HashMap::new();
    db.for_each_user(|row| {
        if let Some(&number) = numbers.get(row.account) {
            users.insert(
                row.key.into(),
                UserEntry {
                    account: number,
                    profile: row.profile.map(Into::into),
                    language: row.language.map(Into::into),
                    fax_number: row.fax_number.map(Into::into),
                },
            );
        }
    })?;
    Ok(Accounts {
        accounts,
        numbers,
        whitelist,
        users,
    })
}
