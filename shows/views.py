from django.views import generic


class ShowDetailView(generic.DetailView):
    pass


class SeasonDetailView(generic.DetailView):
    pass


class CompanyDetailView(generic.DetailView):
    pass


class FranchiseDetailView(generic.DetailView):
    pass
