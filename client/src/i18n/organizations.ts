/** Messages of organizations, sharing rules and a channel's effective configurations. */
export const organizationResources = {
  organizations: {
    name: 'Organization |||| Organizations',
    fields: {
      id: 'Organization ID',
      name: 'Name',
      description: 'Description',
      channelCount: 'Channels',
      serviceCount: 'Services',
      updatedAt: 'Changed',
      updatedBy: 'Changed by',
      q: 'Search',
    },
  },
};

export const organizationMessages = {
  organizations: {
    id_help: 'The ICM organization id, e.g. inSPIRED. It cannot be changed later.',
    id_fixed: 'The organization id cannot be changed.',
    tab_general: 'General',
    tab_services: 'Services',
    tab_channels: 'Channels',
    services_hint:
      'Configurations made here are shared with the organization’s channels under their sharing rule. A channel may hold its own configuration instead, except under shared-mandatory.',
    channels_empty: 'No channels belong to this organization.',
    default_hint: 'Channels created without an organization land here; it cannot be deleted.',
  },
  sharing: {
    rule: {
      unshared: 'unshared',
      'shared-active': 'shared-active',
      'shared-inactive': 'shared-inactive',
      'shared-mandatory': 'shared-mandatory',
    },
    loss_title:
      'Take this configuration away from %{smart_count} channel? |||| Take this configuration away from %{smart_count} channels?',
    loss_content:
      'These channels use it now and lose it with this change: %{channels}. They stop exporting or answering through it until they get another configuration.',
    loss_confirm: 'Yes, take it away',
  },
  effective: {
    column_status: 'Status',
    column_health: 'Health',
    source: {
      local: 'local',
      inherited: 'inherited',
      override: 'override',
      mandatory: 'mandatory',
      none: 'none',
    },
    source_help: {
      local: 'The channel’s own configuration.',
      inherited: 'Shared by the organization; the channel can switch it where the rule allows.',
      override: 'The channel’s own configuration, used instead of the organization’s.',
      mandatory: 'Imposed by the organization: it can neither be switched off nor replaced.',
      none: 'The channel uses no configuration of this type.',
    },
    status: {
      operational: 'operational',
      inactive: 'inactive',
      'disabled-at-organization': 'disabled at the organization',
      'deactivated-locally': 'deactivated on this channel',
      'not-activated': 'not activated on this channel',
      'not-configured': 'not configured',
    },
    organization: 'Organization: %{name}',
    view: 'View',
    override: 'Override',
    override_help: 'Create this channel’s own configuration, starting from the inherited values.',
    ignored_local: 'The channel’s own configuration (ignored while the organization’s is mandatory)',
    inherited_active: 'Inherited configuration active on this channel',
    activated: 'Activated on this channel.',
    deactivated: 'Deactivated on this channel.',
    test_all_channel: 'Test all services',
  },
};
