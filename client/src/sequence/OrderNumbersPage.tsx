import { Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { useTRPC } from '../providers/trpc.ts';
import { CalculatorForm } from './CalculatorForm.tsx';
import { toNegotiationInput, useCalculator } from './calculatorState.ts';
import { NegotiationList } from './NegotiationList.tsx';
import { negotiationPath } from './paths.ts';
import { ResultPanel } from './ResultPanel.tsx';
import { TWO_COLUMNS } from './layout.ts';

/** The "Order numbers" page: the calculator (computed in the browser as you type) and the negotiations. */
export default function OrderNumbersPage() {
  const translate = useTranslate();
  const trpc = useTRPC();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const calculator = useCalculator();
  const [title, setTitle] = useState('');
  const create = useMutation(
    trpc.sequence.create.mutationOptions({
      onSuccess: (created) => {
        void queryClient.invalidateQueries(trpc.sequence.pathFilter());
        notify('app.sequence.saved', { type: 'success' });
        void navigate(negotiationPath(created.id));
      },
      onError: (error) => notify(error.message, { type: 'error' }),
    }),
  );
  const save = () =>
    create.mutate(
      toNegotiationInput(calculator.values, title.trim() || translate('app.sequence.save_title_default')),
    );

  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('app.sequence.title')} />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 900 }}>
        {translate('app.sequence.intro')}
      </Typography>
      <Card>
        <CardContent>
          <Typography variant="h6" gutterBottom>
            {translate('app.sequence.calculator')}
          </Typography>
          <Box sx={TWO_COLUMNS}>
            <CalculatorForm calculator={calculator} />
            <ResultPanel result={calculator.result} startsWith={calculator.values.icmStartsWith} />
          </Box>
          <Stack direction="row" sx={{ gap: 1, mt: 3, alignItems: 'center' }}>
            <TextField
              label={translate('app.sequence.save_title')}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder={translate('app.sequence.save_title_default')}
              size="small"
              sx={{ flex: 1, maxWidth: 480 }}
            />
            <Button variant="contained" disabled={!calculator.result.ok || create.isPending} onClick={save}>
              {translate('app.sequence.save')}
            </Button>
          </Stack>
        </CardContent>
      </Card>
      <Card sx={{ mt: 2 }}>
        <CardContent>
          <Typography variant="h6" gutterBottom>
            {translate('app.sequence.negotiations')}
          </Typography>
          <NegotiationList />
        </CardContent>
      </Card>
    </Box>
  );
}
